package org.gatehouse.lwm2m.model.ddf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.Operations;
import org.gatehouse.lwm2m.model.ResourceType;
import org.junit.jupiter.api.Test;

class DdfParserTest {

    private static final Path REGISTRY = Path.of(System.getProperty("lwm2m.registry", "../../../shared/lwm2m-registry"));

    @Test
    void reads_every_file_of_the_registry() throws Exception {
        int files = 0;
        for (Path dir : List.of(REGISTRY, REGISTRY.resolve("version_history"))) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.xml")) {
                for (Path p : stream) {
                    try (InputStream in = Files.newInputStream(p)) {
                        List<ObjectModel> models = DdfParser.parse(in, p.toString());
                        assertEquals(1, models.size(), p.toString());
                        assertTrue(models.get(0).resources().size() > 0, p.toString());
                    }
                    files++;
                }
            }
        }
        assertTrue(files >= 28, "expected the registry's files, found " + files);
    }

    @Test
    void reads_a_custom_object_with_all_fields() throws Exception {
        ObjectModel m = parse(custom("<Type>Float</Type>")).get(0);
        assertEquals(33000, m.id());
        assertEquals("1.1", m.objectVersion());
        assertEquals(ResourceType.FLOAT, m.resource(1).type());
        assertEquals(Operations.RW, m.resource(1).operations());
        assertEquals("Cel", m.resource(1).units());
    }

    @Test
    void unknown_type_names_the_item_at_fault() {
        DdfException e = assertThrows(DdfException.class, () -> parse(custom("<Type>Decimal</Type>")));
        assertTrue(e.getMessage().contains("object 33000") && e.getMessage().contains("ID=\"1\"") && e.getMessage().contains("Decimal"), e.getMessage());
    }

    @Test
    void malformed_xml_and_doctype_are_refused() {
        assertThrows(DdfException.class, () -> parse("<LWM2M><Object>"));
        assertThrows(DdfException.class, () -> parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><LWM2M>&e;</LWM2M>"));
        DdfException e = assertThrows(DdfException.class, () -> parse("<LWM2M><Object><Name>x</Name></Object></LWM2M>"));
        assertTrue(e.getMessage().contains("ObjectID"), e.getMessage());
    }

    static String custom(String type) {
        return "<LWM2M><Object ObjectType=\"MODefinition\"><Name>Thermo</Name><ObjectID>33000</ObjectID>"
            + "<ObjectVersion>1.1</ObjectVersion><MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory>"
            + "<Resources><Item ID=\"1\"><Name>Setpoint</Name><Operations>RW</Operations><MultipleInstances>Single</MultipleInstances>"
            + "<Mandatory>Mandatory</Mandatory>" + type + "<RangeEnumeration/><Units>Cel</Units><Description>d</Description></Item>"
            + "</Resources></Object></LWM2M>";
    }

    static List<ObjectModel> parse(String xml) throws DdfException {
        return DdfParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }
}
