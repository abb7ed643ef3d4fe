package io.polyface.core.nn;

import io.polyface.core.io.AtomicFileWriter;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A PyTorch operation that DJL's PyTorch engine does not expose, reached as a one-line TorchScript function: the
 * source is written as a TorchScript archive (no weights) and loaded once as a DJL {@code PtSymbolBlock}. Calls run
 * under autograd like any other operation: inside a {@code GradientCollector} they are recorded, outside they are
 * not.
 *
 * <p>The archive is the layout {@code torch.jit.save} writes (file-format version 3): {@code data.pkl} (the module
 * object, pickle protocol 2, state {@code {'training': True}}), {@code code/__torch__.py} (the class source in
 * TorchScript's serialised Python subset), {@code constants.pkl} (an empty tuple) and {@code version}.
 */
final class TorchScriptFunction {

    private final Model model; // held for the process's lifetime: the block's native module lives in its manager
    private final Block block;
    private final ParameterStore store;

    private TorchScriptFunction(Model model) {
        this.model = model;
        this.block = model.getBlock();
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /**
     * Writes, loads and warms up a function.
     *
     * @param className the TorchScript class name (a Java-like identifier)
     * @param parameters the forward parameters after {@code self}, e.g. {@code "x: Tensor, weight: Tensor"}
     * @param body the forward body, one statement, e.g. {@code "return torch.prelu(x, weight)"}
     * @param example example inputs for the first call (made in a scratch manager that is closed afterwards)
     * @return the loaded function
     * @throws UncheckedIOException if the archive cannot be written or read
     * @throws IllegalStateException if PyTorch rejects the archive
     */
    static TorchScriptFunction load(String className, String parameters, String body, Function<NDManager, NDList> example) {
        String source = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + className + ",\n"
                + "    " + parameters + ") -> Tensor:\n"
                + "    " + body + "\n";
        String name = "polyface-" + className.toLowerCase(java.util.Locale.ROOT);
        try {
            Path dir = Files.createTempDirectory(name);
            try {
                writeArchive(dir, name, className, source);
                Model model = Model.newInstance(name, "PyTorch");
                model.load(dir, name);
                TorchScriptFunction f = new TorchScriptFunction(model);
                // the first call switches the module to training mode once, before any concurrent use
                try (NDManager scratch = model.getNDManager().newSubManager()) {
                    f.apply(example.apply(scratch));
                }
                return f;
            } finally {
                Files.deleteIfExists(dir.resolve(name + ".pt"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write or load the TorchScript function " + className, e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("PyTorch rejected the TorchScript function " + className, e);
        }
    }

    /**
     * @param inputs the forward arguments, in order
     * @return the result, in the first input's manager
     */
    NDArray apply(NDList inputs) {
        // always "training" mode: these functions have no mode-dependent behaviour, and DJL's inference mode would
        // make the outputs inference tensors that a later gradient-recording operation could not use
        return block.forward(store, inputs, true).singletonOrThrow();
    }

    /** Writes the archive {@code dir/name.pt} (to a temporary file, then renamed). */
    static void writeArchive(Path dir, String name, String className, String source) throws IOException {
        AtomicFileWriter.write(dir.resolve(name + ".pt"), out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            stored(zip, name + "/data.pkl", modulePickle(className));
            stored(zip, name + "/code/__torch__.py", ascii(source));
            stored(zip, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, name + "/version", ascii("3\n"));
            zip.finish();
        });
    }

    /** Pickle (protocol 2): GLOBAL __torch__.className, NEWOBJ, state {'training': True}, BUILD. */
    private static byte[] modulePickle(String className) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2, 'c'});
        b.writeBytes(ascii("__torch__\n" + className + "\n"));
        b.writeBytes(new byte[] {')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0});
        b.writeBytes(ascii("training"));
        b.writeBytes(new byte[] {(byte) 0x88, 'u', 'b', '.'});
        return b.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String entryName, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(entryName);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
