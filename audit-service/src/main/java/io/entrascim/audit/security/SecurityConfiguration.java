package io.entrascim.audit.security;

import jakarta.servlet.DispatcherType;

import io.entrascim.audit.AuditProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Everything under {@code /api} needs a token: READER to read, OPERATOR to trigger replays. Health, the web page
 * (which holds no data and asks for a token) and the OpenAPI description stay open. Stateless: no session, no CSRF
 * token (no cookies are used for authentication).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    BearerTokens bearerTokens(AuditProperties properties) {
        return new BearerTokens(properties.security().readerToken(), properties.security().operatorToken());
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokens tokens) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED).commence(request, response, ex);
                }))
                .authorizeHttpRequests(a -> a
                        // the request was authorized before it went async (streamed exports) or failed
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // counts and lag only, no log content: Prometheus scrapes without a token
                        .requestMatchers("/actuator/prometheus").permitAll()
                        .requestMatchers("/", "/index.html", "/app.js", "/app.css", "/favicon.ico").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/provisioning-logs/replay").hasRole("OPERATOR")
                        .requestMatchers("/api/**").hasRole("READER")
                        .anyRequest().denyAll());
        return http.build();
    }

    /** No user store: tokens only. Declared so Boot does not create a default user with a generated password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
