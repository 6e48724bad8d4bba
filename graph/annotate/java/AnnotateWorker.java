// A long-running CoreNLP pipeline that reads documents on stdin and writes CoreNLP's JSON
// for each on stdout. It opens no socket: the stock CoreNLP server listens on every
// interface and has no option to bind to 127.0.0.1, and a pipe needs no port at all.
//
// Launched by graph/annotate/worker.py in Java's source-file mode:
//   java -cp <corenlp jars> AnnotateWorker.java <properties file> <threads>
// Protocol (UTF-8; every payload is length-prefixed, so texts may hold any character):
//   in:  "<id>\t<YYYY-MM-DD or ->\t<byte length>\n<text bytes>"   (EOF ends the session)
//   out: "READY\n" once the models are loaded, then per document, in completion order,
//        "OK\t<id>\t<byte length>\n<CoreNLP JSON bytes>" or "ERR\t<id>\t<byte length>\n<message>"
// The properties file is written by the Python side from graph/annotate/settings.py.

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

public class AnnotateWorker {
    private static OutputStream out;
    // Documents are annotated under the read lock, several at once; a retry takes the
    // write lock, so it runs with no other document in the pipeline.
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    public static void main(String[] args) throws Exception {
        // CoreNLP's own logging goes to stderr; stdout carries only the protocol.
        out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        System.setOut(new PrintStream(System.err, true, "UTF-8"));
        Properties props = new Properties();
        try (Reader r = new InputStreamReader(new FileInputStream(args[0]), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        // One small document warms every annotator (and fails early if a model is missing).
        Annotation warm = new Annotation("Warm-up on Friday. It said so.");
        warm.set(CoreAnnotations.DocDateAnnotation.class, "2000-01-07");
        pipeline.annotate(warm);
        emit("READY\n".getBytes(StandardCharsets.UTF_8));

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        InputStream in = new BufferedInputStream(System.in, 1 << 16);
        while (true) {
            String header = readLine(in);
            if (header == null || header.isEmpty()) break;
            String[] parts = header.split("\t");
            String id = parts[0];
            String date = parts[1];
            int length = Integer.parseInt(parts[2]);
            byte[] body = in.readNBytes(length);
            String text = new String(body, StandardCharsets.UTF_8);
            pool.submit(() -> {
                byte[] json;
                try {
                    json = annotate(pipeline, text, date, LOCK.readLock());
                } catch (Throwable first) {
                    // Some CoreNLP annotators are not fully thread-safe: a document that
                    // fails beside others is annotated again with the pipeline to itself.
                    System.err.println("document " + id + " failed beside others; again alone:");
                    first.printStackTrace(System.err);
                    try {
                        json = annotate(pipeline, text, date, LOCK.writeLock());
                    } catch (Throwable e) {
                        System.err.println("document " + id + " failed alone:");
                        e.printStackTrace(System.err);
                        reply("ERR", id, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                }
                reply("OK", id, json);
            });
        }
        pool.shutdown();
        pool.awaitTermination(365, TimeUnit.DAYS);
        out.flush();
        // Time per annotator, summed over threads (the benchmark reads it from the log).
        System.err.println("TIMING");
        System.err.println(pipeline.timingInformation());
        System.exit(0);
    }

    private static byte[] annotate(StanfordCoreNLP pipeline, String text, String date,
                                   Lock lock) throws IOException {
        Annotation doc = new Annotation(text);
        if (!"-".equals(date)) doc.set(CoreAnnotations.DocDateAnnotation.class, date);
        lock.lock();
        try {
            pipeline.annotate(doc);
        } finally {
            lock.unlock();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(text.length() * 40);
        Writer w = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
        pipeline.jsonPrint(doc, w);
        w.flush();
        return buffer.toByteArray();
    }

    private static void reply(String status, String id, byte[] payload) {
        byte[] head = (status + "\t" + id + "\t" + payload.length + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (AnnotateWorker.class) {
            try {
                out.write(head);
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                System.exit(3);  // the reader is gone: nothing left to do
            }
        }
    }

    private static void emit(byte[] bytes) throws IOException {
        synchronized (AnnotateWorker.class) {
            out.write(bytes);
            out.flush();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') return line.toString(StandardCharsets.UTF_8);
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
