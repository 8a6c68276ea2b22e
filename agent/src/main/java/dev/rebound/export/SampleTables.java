package dev.rebound.export;

import dev.rebound.metrics.Sample;
import dev.rebound.metrics.Series;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import java.util.ArrayList;
import java.util.List;

/** Open-type tables of one counter series: a row per label combination, a {@code count} column. */
final class SampleTables {
    static final String COUNT = "count";

    private final Series series;
    private final List<String> columns;
    private final String[] itemNames;
    private final CompositeType rowType;
    private final TabularType tableType;

    /** @param withHost false in a host's own MBean, where the host column would repeat its name */
    SampleTables(Series series, boolean withHost) throws OpenDataException {
        this.series = series;
        this.columns = new ArrayList<String>();
        for (String name : series.labelNames()) {
            if (withHost || !"host".equals(name)) {
                columns.add(name);
            }
        }
        List<String> items = new ArrayList<String>(columns);
        items.add(COUNT);
        List<OpenType<?>> types = new ArrayList<OpenType<?>>();
        for (int i = 0; i < columns.size(); i++) {
            types.add(SimpleType.STRING);
        }
        types.add(SimpleType.LONG);
        this.itemNames = items.toArray(new String[0]);
        this.rowType = new CompositeType(series.baseName(), series.baseName() + " by label", itemNames, itemNames,
                types.toArray(new OpenType<?>[0]));
        this.tableType = new TabularType(series.baseName() + "Table", series.baseName() + " by label", rowType,
                columns.toArray(new String[0]));
    }

    TabularType type() {
        return tableType;
    }

    TabularData table(List<Sample> samples) throws OpenDataException {
        TabularDataSupport table = new TabularDataSupport(tableType);
        for (Sample s : samples) {
            if (s.series() != series) {
                continue;
            }
            Object[] values = new Object[columns.size() + 1];
            for (int i = 0; i < columns.size(); i++) {
                values[i] = s.label(columns.get(i));
            }
            values[columns.size()] = s.rawValue();
            table.put(new CompositeDataSupport(rowType, itemNames, values));
        }
        return table;
    }
}
