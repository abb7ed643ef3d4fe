package io.polyface.cli;

import picocli.CommandLine;

/** Prints the PolyFace version and the versions of the engines it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PolyfaceCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "polyface " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
