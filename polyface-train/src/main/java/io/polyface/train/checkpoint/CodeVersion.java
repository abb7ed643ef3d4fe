package io.polyface.train.checkpoint;

/** The version of the PolyFace code that trained a model, for provenance. */
public final class CodeVersion {

    /** What {@link #current()} says when the jar manifest carries no version (a build from the source tree). */
    public static final String DEVELOPMENT = "development build";

    private CodeVersion() {}

    /** @return PolyFace's {@code Implementation-Version} from polyface-train's jar manifest, or {@value #DEVELOPMENT} */
    public static String current() {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        return version == null ? DEVELOPMENT : version;
    }
}
