package io.dayshift.evidence.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * An evidence pack as JSON, the shape {@code docs/evidence-pack.schema.json} specifies: every field present, a missing
 * value as {@code null} (whatever the service's JSON settings leave out elsewhere), indented for people who read it.
 */
@Component
public class PackJson {

    private final ObjectWriter writer;

    PackJson(ObjectMapper mapper) {
        this.writer = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS).writerWithDefaultPrettyPrinter();
    }

    public String write(EvidencePack pack) {
        try {
            return writer.writeValueAsString(pack);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
