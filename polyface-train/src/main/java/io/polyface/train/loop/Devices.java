package io.polyface.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the device option: {@code cpu} (default), {@code gpu} (the first GPU), {@code gpu:all} (every GPU
 * of the machine, data parallel) or {@code gpu:0,1,…}. GPUs need the CUDA natives on the class path
 * (the {@code -Pgpu} Maven profile: {@code pytorch-native-cu124} 2.5.1 with DJL 0.33.0); without them the
 * PyTorch engine sees no GPU and the request is refused with that explanation.
 */
public final class Devices {

    private Devices() {}

    /**
     * @param text the option
     * @return the devices, the first holding the master parameters
     * @throws IllegalArgumentException for a malformed option or a GPU the engine does not see
     */
    public static List<Device> parse(String text) {
        String t = text == null ? "cpu" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (!t.equals("gpu") && !t.startsWith("gpu:")) {
            throw new IllegalArgumentException("device must be cpu, gpu, gpu:all or gpu:0,1,..., got '" + text + "'");
        }
        int available = Engine.getInstance().getGpuCount();
        if (available == 0) {
            throw new IllegalArgumentException("device '" + text + "' requested but the " + Engine.getInstance().getEngineName()
                    + " engine sees no GPU: build with the CUDA natives (mvn -Pgpu ..., pytorch-native-cu124 2.5.1 / DJL 0.33.0)"
                    + " on a machine with a CUDA 12 driver, or use --device cpu");
        }
        if (t.equals("gpu")) {
            return List.of(Device.gpu(0));
        }
        String ids = t.substring(4);
        List<Device> out = new ArrayList<>();
        if (ids.equals("all")) {
            for (int i = 0; i < available; i++) {
                out.add(Device.gpu(i));
            }
            return List.copyOf(out);
        }
        for (String id : ids.split(",")) {
            int i;
            try {
                i = Integer.parseInt(id.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("GPU ids must be integers, got '" + id + "' in '" + text + "'");
            }
            if (i < 0 || i >= available) {
                throw new IllegalArgumentException("GPU " + i + " does not exist; the engine sees " + available + " GPU(s): 0.." + (available - 1));
            }
            Device d = Device.gpu(i);
            if (out.contains(d)) {
                throw new IllegalArgumentException("GPU " + i + " is listed twice in '" + text + "'");
            }
            out.add(d);
        }
        return List.copyOf(out);
    }
}
