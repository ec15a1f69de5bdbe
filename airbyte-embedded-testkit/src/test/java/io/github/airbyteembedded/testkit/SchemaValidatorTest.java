package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static JsonNode json(String text) throws Exception {
        return TestHttp.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static final String ROOT = "{'components':{'schemas':{"
            + "'Item':{'type':'object','required':['id','tags'],'properties':{"
            + "'id':{'type':'string','format':'uuid'},"
            + "'tags':{'type':'array','items':{'type':'string'}},"
            + "'mode':{'type':'string','enum':['all','any']},"
            + "'when':{'anyOf':[{'type':'string','format':'date-time'},{'type':'null'}]},"
            + "'kind':{'const':'x'},"
            + "'extra':{'additionalProperties':{'type':'integer'},'type':'object'}}},"
            + "'Either':{'oneOf':[{'type':'string'},{'type':'integer'}]}}}}";

    private List<String> validate(String schemaName, String value) throws Exception {
        JsonNode root = json(ROOT);
        return new SchemaValidator(root).validate(json("{'$ref':'#/components/schemas/" + schemaName + "'}"), json(value));
    }

    @Test
    void acceptsAValueThatMatches() throws Exception {
        assertEquals(List.of(), validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':['a'],'mode':'any',"
                + "'when':null,'kind':'x','extra':{'n':1},'unknown':true}"));
        assertEquals(List.of(), validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':[],'when':'2026-11-24T10:00:00Z'}"));
    }

    @Test
    void reportsAMissingRequiredProperty() throws Exception {
        List<String> errors = validate("Item", "{'tags':[]}");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("'id'"));
    }

    @Test
    void reportsWrongTypesFormatsEnumsAndConsts() throws Exception {
        assertEquals(1, validate("Item", "{'id':5,'tags':[]}").size());
        assertEquals(1, validate("Item", "{'id':'not-a-uuid','tags':[]}").size());
        assertEquals(1, validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':[1]}").size());
        assertEquals(1, validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':[],'mode':'some'}").size());
        assertEquals(1, validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':[],'kind':'y'}").size());
        assertEquals(1, validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':[],'extra':{'n':'1'}}").size());
    }

    @Test
    void reportsAValueMatchingNoAnyOfBranch() throws Exception {
        List<String> errors = validate("Item", "{'id':'6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10','tags':[],'when':'yesterday'}");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("anyOf"));
    }

    @Test
    void oneOfNeedsExactlyOneMatch() throws Exception {
        assertEquals(List.of(), validate("Either", "'a'"));
        assertEquals(1, validate("Either", "true").size());
    }
}
