package io.polyface.aggregation.track;

import io.polyface.aggregation.TrackId;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.MalformedFileException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The on-disk layout of video tracks, {@code root/identity/track/frame}: one folder per identity, one
 * folder per track (a video, or any set of frames of one person) inside it, the frames as image files
 * inside that. Frame order is file-name order ({@link String#compareTo}), so frames are best named with
 * zero-padded numbers ({@code 000.png}, {@code 001.png}, …), as {@link #write} does. A track may hold a
 * sidecar {@value #SIDECAR} ({@link TrackSidecar}) recording how each frame was made.
 *
 * <p>Reading rules: folders and files whose name starts with '.' are ignored; identity and track names
 * follow the {@link TrackId} rules (non-empty, no '/', no surrounding whitespace); a frame is a file
 * with one of the extensions {@link #FRAME_EXTENSIONS} (case-insensitive); any other file, a file where
 * a folder belongs, an identity without tracks or a track without frames is an error. Identities and
 * tracks are returned in name order.
 */
public final class TrackLayout {

    /** File name of the optional per-track sidecar. */
    public static final String SIDECAR = "frames.json";

    /** Extensions of frame files (what core's {@code ImageDecoder} reads). */
    public static final Set<String> FRAME_EXTENSIONS = Set.of("png", "jpg", "jpeg", "pgm", "ppm", "pnm", "gif");

    private TrackLayout() {}

    /**
     * Reads every track under a root folder.
     *
     * @param root the folder holding one folder per identity
     * @return the tracks, by identity name, then track name
     * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
     * @throws NotDirectoryException if {@code root} is not a folder
     * @throws MalformedFileException if the layout is broken (naming the offending path and what was
     *     expected) or a sidecar is malformed or does not list exactly the track's frame files in order
     * @throws IOException if a folder cannot be listed
     */
    public static List<Track> read(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "track folder not found");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + " (expected a folder of identity/track/frame)");
        }
        List<Track> tracks = new ArrayList<>();
        for (Path identityDir : folders(root, "identity")) {
            List<Path> trackDirs = folders(identityDir, "track");
            if (trackDirs.isEmpty()) {
                throw new MalformedFileException(identityDir, "identity folder holds no track folders; expected identity/track/frame");
            }
            for (Path trackDir : trackDirs) {
                tracks.add(readTrack(trackDir));
            }
        }
        if (tracks.isEmpty()) {
            throw new MalformedFileException(root, "holds no identity folders; expected identity/track/frame");
        }
        return List.copyOf(tracks);
    }

    /**
     * Reads one track folder.
     *
     * @param trackDir the folder {@code root/identity/track}
     * @return the track
     * @throws MalformedFileException if it holds no frames, a sub-folder or a non-image file, its names
     *     are invalid, or its sidecar is malformed or does not match the frames
     * @throws IOException if the folder cannot be listed
     */
    public static Track readTrack(Path trackDir) throws IOException {
        String identity = trackDir.toAbsolutePath().getParent().getFileName().toString();
        String track = trackDir.getFileName().toString();
        try {
            new TrackId(identity, track, null);
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(trackDir, e.getMessage());
        }
        List<Path> frames = new ArrayList<>();
        Path sidecar = null;
        for (Path p : sortedEntries(trackDir)) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                throw new MalformedFileException(p, "a folder inside a track folder; expected identity/track/frame files");
            }
            if (name.equals(SIDECAR)) {
                sidecar = p;
            } else if (FRAME_EXTENSIONS.contains(extension(name))) {
                frames.add(p);
            } else {
                throw new MalformedFileException(p, "not a frame: expected an image file with extension " + FRAME_EXTENSIONS
                        + " (or the sidecar " + SIDECAR + ")");
            }
        }
        if (frames.isEmpty()) {
            throw new MalformedFileException(trackDir, "track folder holds no frame images");
        }
        List<TrackFrame> recorded = List.of();
        if (sidecar != null) {
            recorded = TrackSidecar.read(sidecar, identity, track);
            if (recorded.size() != frames.size()) {
                throw new MalformedFileException(sidecar, "describes " + recorded.size() + " frames but the folder holds "
                        + frames.size() + " frame files");
            }
            for (int i = 0; i < frames.size(); i++) {
                String file = frames.get(i).getFileName().toString();
                if (!recorded.get(i).file().equals(file)) {
                    throw new MalformedFileException(sidecar, "frames[" + i + "] is \"" + recorded.get(i).file()
                            + "\" but frame " + i + " of the folder (in file-name order) is \"" + file + "\"");
                }
            }
        }
        return new Track(identity, track, trackDir, frames, recorded);
    }

    /**
     * Writes one track: its frames as 8-bit PNG files {@code 000.png}, {@code 001.png}, … (more digits
     * when there are more than 1,000 frames; values rounded and clamped to 0..255), each atomically, and,
     * if {@code recorded} is not empty, the sidecar, atomically, last.
     *
     * @param root the root folder of the layout (created if missing)
     * @param identity the identity name
     * @param track the track name
     * @param frames the frames, in order, non-empty
     * @param recorded one entry per frame whose {@link TrackFrame#file()} is the name written here, or
     *     empty for no sidecar
     * @return the track as {@link #readTrack} would read it back
     * @throws IllegalArgumentException if a name is invalid, there are no frames, or {@code recorded} is
     *     neither empty nor one entry per frame with the file names of this method
     * @throws FileAlreadyExistsException if the track folder exists and is not empty
     * @throws IOException if a file cannot be written
     */
    public static Track write(Path root, String identity, String track, List<RgbImage> frames, List<TrackFrame> recorded)
            throws IOException {
        new TrackId(identity, track, null);
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("track " + identity + "/" + track + ": no frames to write");
        }
        if (recorded == null || (!recorded.isEmpty() && recorded.size() != frames.size())) {
            throw new IllegalArgumentException("track " + identity + "/" + track + ": " + frames.size() + " frames but "
                    + (recorded == null ? "null" : recorded.size()) + " sidecar entries; expected one per frame or none");
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (!recorded.get(i).file().equals(frameName(i, frames.size()))) {
                throw new IllegalArgumentException("track " + identity + "/" + track + ": sidecar entry " + i + " names file \""
                        + recorded.get(i).file() + "\", but frame " + i + " is written as \"" + frameName(i, frames.size()) + "\"");
            }
        }
        Path dir = root.resolve(identity).resolve(track);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                if (s.iterator().hasNext()) {
                    throw new FileAlreadyExistsException(dir.toString(), null, "track folder exists and is not empty");
                }
            }
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Path f = dir.resolve(frameName(i, frames.size()));
            ImageEncoder.writePng(frames.get(i), f);
            files.add(f);
        }
        if (!recorded.isEmpty()) {
            TrackSidecar.write(dir.resolve(SIDECAR), identity, track, recorded);
        }
        return new Track(identity, track, dir, files, recorded);
    }

    /**
     * The file name {@link #write} gives frame {@code index} of a track of {@code count} frames.
     *
     * @param index 0-based frame index
     * @param count the number of frames in the track
     * @return {@code index} zero-padded to at least 3 digits (as many as {@code count - 1} has) plus {@code .png}
     */
    public static String frameName(int index, int count) {
        int digits = Math.max(3, Integer.toString(Math.max(0, count - 1)).length());
        return String.format(Locale.ROOT, "%0" + digits + "d.png", index);
    }

    private static List<Path> folders(Path dir, String role) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : sortedEntries(dir)) {
            if (!Files.isDirectory(p)) {
                throw new MalformedFileException(p, "a file where a " + role + " folder belongs; expected identity/track/frame");
            }
            out.add(p);
        }
        return out;
    }

    private static List<Path> sortedEntries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
