package org.pmlab.shell.internal;

import java.lang.reflect.RecordComponent;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing: records of one type, which the result formatter prints as an aligned table with
 * one column per component (Karaf's listings), as tab-separated lines without a header in the
 * plain format, or as a JSON array. It is a {@code List}, so a Gogo expression can take it
 * apart: {@code ((pci:list) get 1) driver}.
 */
final class Rows<R extends Record> extends AbstractList<R> {

    private final Class<R> type;
    private final List<R> rows;

    Rows(Class<R> type, List<R> rows) {
        this.type = type;
        this.rows = List.copyOf(rows);
    }

    static <R extends Record> Rows<R> of(Class<R> type, List<R> rows) {
        return new Rows<>(type, rows);
    }

    Class<R> type() {
        return type;
    }

    @Override
    public R get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** The headers: {@link Column} where given, else the component's name in capitals. */
    List<String> headers() {
        List<String> h = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Column col = c.getAnnotation(Column.class);
            h.add(col != null ? col.value() : ParamSpec.display(c.getName()));
        }
        return h;
    }

    /** Each row's cells as text. */
    List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        for (R r : rows) {
            out.add(Views.cells(r));
        }
        return out;
    }
}
