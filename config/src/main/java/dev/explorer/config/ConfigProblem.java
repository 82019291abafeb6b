package dev.explorer.config;

/**
 * One thing wrong with a configuration: the dotted path of the setting, where the bad value came
 * from (a preset, a file, {@code --set}), what is wrong and how to fix it.
 */
public record ConfigProblem(String path, String source, String problem, String fix) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(path.isEmpty() ? "(top level)" : path).append(": ").append(problem);
        if (source != null && !source.isEmpty()) {
            sb.append(" [from ").append(source).append(']');
        }
        if (fix != null && !fix.isEmpty()) {
            sb.append("\n    fix: ").append(fix);
        }
        return sb.toString();
    }
}
