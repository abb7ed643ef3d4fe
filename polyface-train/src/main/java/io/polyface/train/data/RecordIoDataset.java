package io.polyface.train.data;

import io.polyface.core.io.RecordIo;
import io.polyface.core.io.RecordIoReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A RecordIO training set ({@code FILE.rec} + {@code FILE.idx}, the MS1M-RetinaFace / Glint360K layout;
 * format: {@link RecordIo}). Key 0 is InsightFace's header record when it carries labels ({@code flag > 0}) and no
 * image bytes — told by content, since an im2rec {@code --pack-label} image also has {@code flag > 0}; the images
 * are then keys {@code 1 .. label[0] − 1}, and keys {@code label[0] .. label[1] − 1} are InsightFace's identity
 * records (not images). Otherwise every key of the index is an image. Indexed keys that are not read are reported
 * in {@link #warnings()}. Each image's class label is
 * read from its record header when the dataset is opened (a few dozen bytes per record; no image is
 * decoded), written as text ({@code 12} for 12.0) and numbered in {@link NaturalOrder}, so the
 * usual labels {@code 0 .. C−1} keep their values.
 */
public final class RecordIoDataset implements FaceDataset {

    private final RecordIoReader reader;
    private final long[] keys;
    private final int[] labels;
    private final LabelMap labelMap;
    private final List<String> warnings;

    private RecordIoDataset(RecordIoReader reader, long[] keys, int[] labels, LabelMap labelMap, List<String> warnings) {
        this.reader = reader;
        this.keys = keys;
        this.labels = labels;
        this.labelMap = labelMap;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Opens {@code FILE.rec} with {@code FILE.idx} beside it and reads every image record's label.
     *
     * @param recFile the record file
     * @return the dataset (close it to release the file)
     * @throws java.nio.file.NoSuchFileException if a file is missing
     * @throws io.polyface.core.io.MalformedFileException if the index or a record header is malformed,
     *     or the header record names image keys the index lacks (naming file, key and byte offset)
     * @throws IOException if a file cannot be read
     */
    public static RecordIoDataset open(Path recFile) throws IOException {
        RecordIoReader reader = RecordIoReader.open(recFile);
        try {
            long[] keys = reader.imageKeys();
            List<String> warnings = reader.unreadKeysWarning().stream().toList();
            String[] names = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                names[i] = reader.readHeader(keys[i]).classLabelText();
            }
            LabelMap map = LabelMap.of(List.of(names));
            int[] labels = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                labels[i] = map.indexOf(names[i]);
            }
            return new RecordIoDataset(reader, keys, labels, map, warnings);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public LabelMap labels() {
        return labelMap;
    }

    /**
     * @param index an image index
     * @return its record key
     */
    public long key(int index) {
        return keys[index];
    }

    @Override
    public byte[] read(int index) throws IOException {
        return reader.readRecord(keys[index]).image();
    }

    @Override
    public String locate(int index) {
        return reader.locate(keys[index]);
    }

    /** @return warnings found when opening: indexed keys that the header's ranges leave out, and so are not read */
    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String description() {
        return "RecordIO " + reader.file() + " (" + labelMap.size() + " identities, " + keys.length + " images)";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
