package io.dayshift.site;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds {@code file:…} / {@code env:…} settings to {@link SecretRef}. */
@Component
@ConfigurationPropertiesBinding
class SecretRefConverter implements Converter<String, SecretRef> {

    @Override
    public SecretRef convert(String source) {
        return SecretRef.parse(source);
    }
}
