package dev.northstar.contracts;

/** Paths of nodes in a contract document: {@code schema[0].properties[3].logicalType}. */
final class ContractPaths {
    private ContractPaths() {}

    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    /** The parent path: {@code a.b[2]} → {@code a.b}, {@code a.b} → {@code a}, {@code a} → "". */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
