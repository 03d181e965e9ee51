package io.dayshift.evidence.pack;

import java.util.List;

/**
 * {@code runs.csv} of an evidence export: one line per run, for people who open it in a spreadsheet. Cells as RFC 4180
 * quotes them (a cell with a comma, a quote or a line break in quotes, its quotes doubled), and a cell that a spreadsheet
 * would take for a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return)
 * neutralised by a leading apostrophe, so that a run's summary can never run as a formula on an auditor's machine.
 */
public final class RunsCsv {

    /** The header line's columns. */
    public static final List<String> COLUMNS = List.of("run", "runbook", "version", "site", "started by", "how", "started", "ended",
            "end event", "result summary", "entries", "intact");

    private RunsCsv() {
    }

    /** The header line, with its line end. */
    public static String header() {
        return line(COLUMNS);
    }

    /** The run's line, with its line end. */
    public static String line(EvidencePack pack) {
        return line(List.of(pack.run(), pack.runbook().key(), Integer.toString(pack.runbook().version()), pack.site(),
                nullToEmpty(pack.start().by()), pack.start().how(), nullToEmpty(pack.start().at()), nullToEmpty(pack.endedAt()),
                pack.result().endEvent() == null ? "" : pack.result().endEvent().id(), nullToEmpty(pack.result().summary()),
                Long.toString(pack.verification().entries()), Boolean.toString(pack.verification().intact())));
    }

    static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One cell, neutralised against formulas and quoted where it needs to be. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
