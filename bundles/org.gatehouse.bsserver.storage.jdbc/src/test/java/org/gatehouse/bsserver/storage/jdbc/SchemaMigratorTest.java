package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    @Test
    void a_script_is_split_at_line_ending_semicolons_without_its_comment_lines() {
        assertEquals(List.of("CREATE TABLE a (\n    x INT -- inline stays\n)", "CREATE INDEX i ON a (x)", "SELECT 1"),
            SchemaMigrator.statements("-- header\nCREATE TABLE a (\n    x INT -- inline stays\n);\n\n  -- note\nCREATE INDEX i ON a (x);\nSELECT 1"));
    }

    @Test
    void scripts_are_numbered_and_in_order() {
        assertEquals(1, SchemaMigrator.version("V1__initial.sql"));
        assertEquals(12, SchemaMigrator.version("V12__claims_index.sql"));
        assertThrows(IllegalStateException.class, () -> SchemaMigrator.version("1_initial.sql"));
        for (int i = 0; i < SchemaMigrator.SCRIPTS.size(); i++) {
            assertEquals(i + 1, SchemaMigrator.version(SchemaMigrator.SCRIPTS.get(i)));
        }
    }
}
