package org.pmlab.shell.internal;

import java.lang.reflect.Method;
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
    private final Method[] accessors;

    private Rows(Class<R> type, List<R> rows) {
        this.type = type;
        this.rows = rows;
        RecordComponent[] cs = type.getRecordComponents();
        this.accessors = new Method[cs.length];
        for (int i = 0; i < cs.length; i++) {
            accessors[i] = cs[i].getAccessor();
            accessors[i].setAccessible(true);
        }
    }

    static <R extends Record> Rows<R> of(Class<R> type, List<R> rows) {
        return new Rows<>(type, List.copyOf(rows));
    }

    /**
     * A listing over rows made as they are read, such as one per function of a big host: nothing
     * is copied, and a row lives only while it is printed.
     */
    static <R extends Record> Rows<R> view(Class<R> type, List<R> rows) {
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

    /** One row's cells as text, as {@link Views#text} shows each value. */
    String[] cells(R row) {
        String[] out = new String[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            try {
                out[i] = Views.text(accessors[i].invoke(row));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + accessors[i].getName(), e);
            }
        }
        return out;
    }
}
