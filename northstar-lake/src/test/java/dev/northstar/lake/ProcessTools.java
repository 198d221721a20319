package dev.northstar.lake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test classpath in a child JVM. */
public final class ProcessTools {
    private ProcessTools() {}

    public static List<String> java(Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xmx512m");
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return command;
    }
}
