package io.dayshift.lab.process;

import io.dayshift.access.Roles;
import io.dayshift.lab.LabProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The lab process's one administrator, {@code admin} with a password drawn at every start and written to
 * {@code <dir>/lab-admin.txt} as {@code admin:<password>} (readable by its owner only; {@code curl -u "$(cat …)"}). It is in
 * {@code dayshift-admins}, so it may read the counts and inject faults. The MAAS and OpenStack APIs keep their own chains
 * (their OAuth header and Keystone tokens); everything else needs this user over HTTP basic.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = LabProcess.ACTIVE, havingValue = "true")
class LabProcessSecurity {

    static final String ADMIN = "admin";

    @Bean
    PasswordEncoder labPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService labAdministrator(LabProperties properties, PasswordEncoder encoder) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writeAdminFile(properties.directory().toAbsolutePath().normalize(), ADMIN + ":" + password + "\n");
        return new InMemoryUserDetailsManager(User.withUsername(ADMIN).password(encoder.encode(password)).roles(Roles.ADMINS).build());
    }

    @Bean
    @Order(10)
    SecurityFilterChain labAdministration(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    private static void writeAdminFile(Path directory, String content) {
        Path file = directory.resolve(LabProcess.ADMIN_FILE);
        Path temporary = directory.resolve(LabProcess.ADMIN_FILE + ".new");
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's administrator into " + file, e);
        }
    }
}
