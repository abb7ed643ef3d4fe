package io.polyface.spark.cluster;

import org.apache.spark.launcher.JavaModuleOptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests (the README's recipe, in Java): a master and workers as
 * separate JVMs started from Spark's own {@code Master}/{@code Worker} main classes, on free ports, each worker with
 * 1 core and 512 MB, with lowered timeouts so that a killed worker is noticed in seconds. Workers launch executors from
 * a SPARK_HOME laid out here: {@code jars/} holds links to the jars of this JVM's classpath (Spark, PolyFace's
 * dependencies), and the class folders (the modules under test) reach the executors through
 * {@code spark.executor.extraClassPath}.
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path home;
    private final List<Process> workers = new ArrayList<>();
    private final List<String> classFolders = new ArrayList<>();
    private Process master;
    private int masterPort;
    private int masterUiPort;

    private StandaloneCluster(Path home) {
        this.home = home;
    }

    /**
     * Lays out SPARK_HOME under {@code home} and starts a master and {@code workers} workers; returns once every
     * worker is registered.
     *
     * @param home an empty folder
     * @param workerCount the workers
     * @return the running cluster
     * @throws IOException if a process cannot start or the cluster is not up within 60 s
     * @throws InterruptedException if interrupted while waiting
     */
    static StandaloneCluster start(Path home, int workerCount) throws IOException, InterruptedException {
        StandaloneCluster c = new StandaloneCluster(home);
        c.layOut();
        c.masterPort = freePort();
        c.masterUiPort = freePort();
        c.master = c.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(c.masterPort), "--webui-port", Integer.toString(c.masterUiPort)));
        c.awaitWorkers(0);
        for (int w = 0; w < workerCount; w++) {
            c.workers.add(c.launch("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()), "--cores", "1",
                    "--memory", "512m", "--work-dir", Files.createDirectories(home.resolve("work-" + w)).toString(), c.url())));
        }
        c.awaitWorkers(workerCount);
        return c;
    }

    /** @return the master URL, {@code spark://127.0.0.1:PORT} */
    String url() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** @return the class folders executors need on their classpath */
    String executorClassPath() {
        return String.join(File.pathSeparator, classFolders);
    }

    /**
     * Driver settings for this cluster: one 512 MB, 1-core executor per worker, fast failure detection.
     *
     * @return the settings
     */
    Map<String, String> driverSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spark.executor.memory", "512m");
        s.put("spark.executor.cores", "1");
        s.put("spark.cores.max", Integer.toString(workers.size()));
        s.put("spark.executor.extraClassPath", executorClassPath());
        s.put("spark.driver.host", "127.0.0.1");
        s.put("spark.driver.bindAddress", "127.0.0.1");
        s.put("spark.network.timeout", "20s");
        s.put("spark.network.timeoutInterval", "10s");
        s.put("spark.executor.heartbeatInterval", "2s");
        s.put("spark.task.maxFailures", "4");
        return s;
    }

    /**
     * Kills a worker and the executors it launched, as a machine that dies.
     *
     * @param index the worker
     */
    void killWorker(int index) {
        Process p = workers.get(index);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * The last lines of every log of the cluster (master, workers, executors' stderr), for a failure message.
     *
     * @return the log tails
     */
    String logTails() {
        StringBuilder b = new StringBuilder();
        try (java.util.stream.Stream<Path> walk = Files.walk(home)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".log") || f.getFileName().toString().equals("stderr")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p);
                b.append("==== ").append(p).append('\n');
                lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        } catch (IOException e) {
            b.append("(logs unreadable: ").append(e).append(")");
        }
        return b.toString();
    }

    /** @return the log folder (one file per process) */
    Path logs() {
        return home.resolve("logs");
    }

    @Override
    public void close() {
        for (Process p : workers) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (master != null) {
            master.destroyForcibly();
        }
        try (java.util.stream.Stream<Path> links = Files.list(home.resolve("jars"))) {
            for (Path link : links.toList()) {
                Files.deleteIfExists(link); // the links only, never what they point to
            }
        } catch (IOException e) {
            System.err.println("could not remove " + home.resolve("jars") + ": " + e);
        }
    }

    /** SPARK_HOME: jars/ (links to this JVM's jars), conf/ (empty), logs/; class folders kept for the executors. */
    private void layOut() throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(logs());
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                classFolders.add(p.toAbsolutePath().toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName().toString());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
    }

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        for (String o : JavaModuleOptions.defaultModuleOptions().split(" ")) {
            cmd.add(o);
        }
        cmd.add("-Dspark.worker.timeout=4");
        cmd.add("-Dspark.deploy.recoveryMode=NONE");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        cmd.add("-cp");
        cmd.add(home.resolve("conf") + File.pathSeparator + home.resolve("jars") + File.separator + "*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // else the executor launcher looks for a Spark build tree
        pb.environment().put("SPARK_WORKER_OPTS", "-Dspark.worker.timeout=4");
        pb.redirectErrorStream(true);
        pb.redirectOutput(logs().resolve(name + ".log").toFile());
        return pb.start();
    }

    private void awaitWorkers(int count) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IOException("the Spark master exited; see " + logs().resolve("master.log"));
            }
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = alive.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= count) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the cluster did not show " + count + " alive workers within 60 s (last answer: " + last
                + "); see " + logs());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
