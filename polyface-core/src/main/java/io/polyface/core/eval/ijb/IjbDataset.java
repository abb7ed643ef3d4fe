package io.polyface.core.eval.ijb;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two IARPA Janus benchmarks whose protocol files PolyFace reads, by the names their files carry in
 * InsightFace's layout ({@code recognition/_evaluation_/ijb}): IJB-B (Whitelam et al., CVPR Workshops 2017)
 * and IJB-C (Maze et al., ICB 2018). Both have a 1:1 template-pair list and a 1:N protocol with two disjoint
 * galleries (IJB-C: {@code G1}, {@code G2}; IJB-B: {@code S1}, {@code S2}) searched by one mixed probe list.
 */
public enum IjbDataset {

    /** IJB-B: files {@code ijbb_*}, galleries {@code S1} and {@code S2}. */
    IJBB("ijbb", "IJB-B", "S1", "S2"),
    /** IJB-C: files {@code ijbc_*}, galleries {@code G1} and {@code G2}. */
    IJBC("ijbc", "IJB-C", "G1", "G2");

    private final String prefix;
    private final String displayName;
    private final String gallery1;
    private final String gallery2;

    IjbDataset(String prefix, String displayName, String gallery1, String gallery2) {
        this.prefix = prefix;
        this.displayName = displayName;
        this.gallery1 = gallery1;
        this.gallery2 = gallery2;
    }

    /**
     * The file-name prefix, also the command-line name.
     *
     * @return {@code ijbb} or {@code ijbc}
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The benchmark's usual name.
     *
     * @return {@code IJB-B} or {@code IJB-C}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The file suffix of a 1:N gallery.
     *
     * @param gallery 1 or 2
     * @return {@code G1}/{@code G2} for IJB-C, {@code S1}/{@code S2} for IJB-B
     * @throws IllegalArgumentException unless {@code gallery} is 1 or 2
     */
    public String galleryName(int gallery) {
        return switch (gallery) {
            case 1 -> gallery1;
            case 2 -> gallery2;
            default -> throw new IllegalArgumentException("gallery = " + gallery + ", expected 1 or 2");
        };
    }

    /**
     * Parses a command-line name, ignoring case and a hyphen ({@code ijbc}, {@code IJB-C}).
     *
     * @param name the name
     * @return the dataset
     * @throws IllegalArgumentException if the name is null or neither, listing the choices
     */
    public static IjbDataset parse(String name) {
        if (name != null) {
            String key = name.strip().toLowerCase(Locale.ROOT).replace("-", "");
            for (IjbDataset d : values()) {
                if (d.prefix.equals(key)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unknown IJB dataset '" + name + "'; expected one of "
                + Arrays.stream(values()).map(IjbDataset::prefix).collect(Collectors.joining(", ")));
    }
}
