package org.fieldcast.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network namespaces of one test run, named after this JVM's pid so that leftovers of a run
 * that died can be told apart and removed. Everything it creates is removed by {@link #close()},
 * which kills what still runs inside first; deleting a namespace deletes the veth pairs with an end in it.
 */
final class NetworkNamespaces implements AutoCloseable {
    static final String PREFIX = "fcnat-";
    static final String VETH_PREFIX = "fcn";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-");
    private static final Pattern OUR_VETH = Pattern.compile("^\\d+:\\s+(" + VETH_PREFIX + "(\\d+)[a-z]\\d)[@:]");

    private final long pid = ProcessHandle.current().pid();
    private final List<String> created = new ArrayList<>();

    /** Fails with what is missing: this test creates namespaces and NAT rules, which takes root, iproute2 and iptables. */
    static void requireTools() {
        String problem = null;
        if (!"0".equals(output("id", "-u").strip())) {
            problem = "it must run as root (it creates network namespaces, veth pairs and NAT rules)";
        } else if (run("ip", "netns", "list").exit() != 0) {
            problem = "'ip netns' is missing or fails: install iproute2";
        } else if (run("iptables", "--version").exit() != 0) {
            problem = "'iptables' is missing or fails: install iptables";
        }
        if (problem != null) {
            throw new AssertionError("The NAT integration test cannot run: " + problem
                    + ". CI runs as root; src/test/sh/prerequisites.sh installs iproute2 and iptables.");
        }
    }

    /** Removes namespaces and root-side veths of earlier runs whose JVM is gone. */
    static void removeLeftovers() {
        for (String line : output("ip", "netns", "list").split("\n")) {
            String name = line.split("\\s")[0];
            Matcher m = OURS.matcher(name);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                delete(name);
            }
        }
        for (String line : output("ip", "-o", "link", "show").split("\n")) {
            Matcher m = OUR_VETH.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                run("ip", "link", "del", m.group(1));
            }
        }
    }

    /** A new namespace with its loopback up; the name is {@code fcnat-<pid>-<role>}. */
    String create(String role) {
        String name = PREFIX + pid + "-" + role;
        created.add(name);
        must("ip", "netns", "add", name);
        must("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A root-side interface name for this run, at most 15 characters: {@code fcn<pid><letter><digit>}. */
    String rootInterface(char letter) {
        return VETH_PREFIX + pid + letter + "0";
    }

    /** Runs a command; fails the test with its output when it fails. */
    static void must(String... command) {
        Result r = run(command);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
        }
    }

    /** Runs a command in a namespace. */
    static void in(String namespace, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = namespace;
        System.arraycopy(command, 0, full, 4, command.length);
        must(full);
    }

    record Result(int exit, String output) {
    }

    static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String output(String... command) {
        return run(command).output();
    }

    /** Kills what runs inside, then deletes the namespace (and so its veth ends). */
    private static void delete(String name) {
        for (String pidText : output("ip", "netns", "pids", name).split("\\s+")) {
            if (pidText.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pidText)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run("ip", "netns", "del", name);
    }

    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            delete(created.get(i));
        }
        created.clear();
    }
}
