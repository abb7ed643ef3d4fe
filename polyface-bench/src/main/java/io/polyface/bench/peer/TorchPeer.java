package io.polyface.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch side of the peer runner: one long-lived {@code python3 scripts/peer/worker.py} process, driven by one JSON
 * request per line (see the worker's docstring), so that its timings and ours alternate within one run. Its standard
 * error goes to ours.
 */
public final class TorchPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;

    /**
     * Starts the worker.
     *
     * @param python the interpreter, e.g. {@code /usr/bin/python3} (Debian's python3-torch)
     * @param worker the worker script
     * @param threads PyTorch intra-op threads ({@code torch.set_num_threads})
     * @param waitPolicy the worker's {@code OMP_WAIT_POLICY}; {@code "ours"}: this process's OpenMP settings
     *     ({@code OMP_WAIT_POLICY}, {@code GOMP_SPINCOUNT}) passed on as they are; {@code null}: libgomp's default (spin,
     *     then sleep: what a PyTorch user gets; neither variable passed on)
     * @throws IOException if the process cannot start
     */
    public TorchPeer(String python, Path worker, int threads, String waitPolicy) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(python, worker.toString())).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("PEER_THREADS", String.valueOf(threads));
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        if (!"ours".equals(waitPolicy)) {
            pb.environment().remove("GOMP_SPINCOUNT");
            if (waitPolicy == null) {
                pb.environment().remove("OMP_WAIT_POLICY");
            } else {
                pb.environment().put("OMP_WAIT_POLICY", waitPolicy);
            }
        }
        process = pb.start();
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @param request the request's fields
     * @return the answer
     * @throws IOException if the worker ended or answered with an error (its message)
     */
    public JsonNode call(Map<String, Object> request) throws IOException {
        requests.write(JSON.writeValueAsString(request));
        requests.newLine();
        requests.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the PyTorch worker ended (see its messages above) on request " + request);
        }
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) {
            throw new IOException("PyTorch worker: " + answer.get("error").asText());
        }
        return answer;
    }

    /**
     * A timing done by the worker.
     *
     * @param request the request without {@code iters} and {@code warmup}
     * @return the timing
     */
    public Timing timing(Map<String, Object> request) {
        return (iterations, warmup) -> {
            Map<String, Object> r = new LinkedHashMap<>(request);
            r.put("iters", iterations);
            r.put("warmup", warmup);
            return call(r).get("seconds").asDouble();
        };
    }

    @Override
    public void close() throws IOException {
        requests.close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
