package io.github.parallelworktrees.engine.plan;

/** Whether two workstreams' file globs ("src/pipeline/**") can match the same file. */
final class FileScopes {

    private FileScopes() {
    }

    /**
     * Conservative: compares the literal directory prefixes before the first wildcard. Two globs overlap when
     * one prefix contains the other, or when they are the same literal path.
     */
    static boolean overlap(String a, String b) {
        String pa = literalPrefix(a);
        String pb = literalPrefix(b);
        boolean wildA = pa.length() < a.length();
        boolean wildB = pb.length() < b.length();
        if (!wildA && !wildB) {
            return a.equals(b);
        }
        if (!wildA) {
            return a.startsWith(pb);
        }
        if (!wildB) {
            return b.startsWith(pa);
        }
        return pa.startsWith(pb) || pb.startsWith(pa);
    }

    private static String literalPrefix(String glob) {
        int cut = glob.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = glob.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        String prefix = glob.substring(0, cut);
        if (cut < glob.length()) {
            // "src/pipe*" may match "src/pipeline/x" but not "src/other": keep up to the last '/'
            int slash = prefix.lastIndexOf('/');
            prefix = slash < 0 ? "" : prefix.substring(0, slash + 1);
        }
        return prefix;
    }
}
