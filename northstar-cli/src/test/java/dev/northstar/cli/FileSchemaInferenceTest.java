package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.RowSource;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSchemaInferenceTest {
    private static final RowSource SOURCE = RowSource.sql("SELECT 1");

    @TempDir
    Path directory;

    private static String northstarType(String duckdbType) {
        return FileSchemaInference.columnType(duckdbType, "c", SOURCE).text();
    }

    @Test
    void translatesDuckDbTypes() {
        assertThat(northstarType("BOOLEAN")).isEqualTo("boolean");
        assertThat(northstarType("SMALLINT")).isEqualTo("int");
        assertThat(northstarType("BIGINT")).isEqualTo("long");
        assertThat(northstarType("UBIGINT")).isEqualTo("decimal(38,0)");
        assertThat(northstarType("DOUBLE")).isEqualTo("double");
        assertThat(northstarType("DECIMAL(12,2)")).isEqualTo("decimal(12,2)");
        assertThat(northstarType("TIMESTAMP_NS")).isEqualTo("timestamp");
        assertThat(northstarType("TIMESTAMP WITH TIME ZONE")).isEqualTo("timestamptz");
        assertThat(northstarType("VARCHAR")).isEqualTo("string");
        assertThat(northstarType("ENUM('a', 'b')")).isEqualTo("string");
        assertThat(northstarType("BIGINT[]")).isEqualTo("list<long>");
        assertThat(northstarType("STRUCT(a INTEGER, b STRUCT(c VARCHAR, d DOUBLE[]))"))
                .isEqualTo("struct<a:int,b:struct<c:string,d:list<double>>>");
    }

    @Test
    void rejectsTypesTablesCannotHold() {
        assertThatThrownBy(() -> northstarType("MAP(VARCHAR, INTEGER)"))
                .isInstanceOf(NorthstarException.class)
                .hasMessageContaining("Column 'c' of query has the type MAP(VARCHAR, INTEGER)")
                .satisfies(e -> assertThat(((NorthstarException) e).code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH));
    }

    @Test
    void infersTheColumnsOfACsvFile() throws Exception {
        Path file = directory.resolve("people.csv");
        Files.writeString(file, "id,name,born,height\n1,Ada,1815-12-10,1.65\n2,Alan,1912-06-23,1.78\n");

        TableSchema schema = FileSchemaInference.infer(RowSource.file(file));

        assertThat(schema.columns()).extracting(column -> column.name() + ":" + column.type().text())
                .containsExactly("id:long", "name:string", "born:date", "height:double");
        assertThat(schema.columns()).noneMatch(column -> column.required());
        assertThat(schema.column("born").orElseThrow().type()).isEqualTo(ColumnType.Primitive.DATE);
    }

    @Test
    void rejectsColumnNamesTablesCannotHold() throws Exception {
        Path file = directory.resolve("bad.csv");
        Files.writeString(file, "Order ID,amount\n1,2\n");

        assertThatThrownBy(() -> FileSchemaInference.infer(RowSource.file(file)))
                .hasMessageContaining("Column 'Order ID' of " + file + " is not a valid column name");
    }
}
