package io.jenkins.plugins.parallelworktrees.contract;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The classes of a package and its sub-packages, from the class path roots that are not the tests' own. */
final class PackageScanner {

    private PackageScanner() {
    }

    static List<Class<?>> classes(String packageName) throws IOException {
        String folder = packageName.replace('.', '/');
        ClassLoader loader = PackageScanner.class.getClassLoader();
        Path ownRoot = codeSourceOf(PackageScanner.class);
        Set<String> names = new TreeSet<>();
        for (Enumeration<URL> roots = loader.getResources(folder); roots.hasMoreElements(); ) {
            URL root = roots.nextElement();
            if (root.getProtocol().equals("file")) {
                Path dir = toPath(root);
                if (ownRoot != null && dir.startsWith(ownRoot)) {
                    continue; // test classes (this package, and tests' fixtures) are not the plugin's steps
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                            packageName + "." + dir.relativize(f).toString()
                                    .replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "")));
                }
            } else if (root.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(folder + "/") && entry.endsWith(".class")) {
                            names.add(entry.replace('/', '.').replaceAll("\\.class$", ""));
                        }
                    }
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        List<String> unloadable = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("package-info")) {
                continue;
            }
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                unloadable.add(name + " (" + e + ")");
            }
        }
        if (!unloadable.isEmpty()) {
            throw new IllegalStateException("classes of " + packageName + " that do not load: " + unloadable);
        }
        return classes;
    }

    private static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }
}
