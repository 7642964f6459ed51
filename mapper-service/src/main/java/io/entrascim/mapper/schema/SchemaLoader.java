package io.entrascim.mapper.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.entrascim.contracts.RecordCodec;

/**
 * Loads mapping configuration: a Microsoft Graph {@code synchronizationSchema} document (JSON, or the
 * same structure in YAML) or the concise YAML form. Every expression is parsed here, once.
 */
public final class SchemaLoader {
    /** Classpath location of the bundled Tanium SSO gallery defaults. */
    public static final String DEFAULT_RESOURCE = "/io/entrascim/mapper/schema/tanium-sso-default.json";

    private SchemaLoader() {
    }

    public static MappingSchema loadDefault() {
        try (InputStream in = SchemaLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled default schema " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Loads a file, or the bundled defaults for {@code classpath:} locations of the default resource.
     *
     * @throws SchemaException naming the path and reason when the content is invalid
     */
    public static MappingSchema load(String location) {
        if (location == null || location.isBlank() || location.equals("classpath:" + DEFAULT_RESOURCE)
                || location.equals("default")) {
            return loadDefault();
        }
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            try (InputStream in = SchemaLoader.class.getResourceAsStream(resource.startsWith("/") ? resource : "/" + resource)) {
                if (in == null) {
                    throw new SchemaException(location, "no such classpath resource");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
            } catch (IOException e) {
                throw new SchemaException(location, "cannot read: " + e.getMessage());
            }
        }
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new SchemaException(path.toString(), "cannot read the file: " + e.getMessage());
        }
    }

    /** Parses content; JSON when it starts with '{', YAML otherwise. */
    public static MappingSchema parse(String content, String origin) {
        Object tree = content.stripLeading().startsWith("{") ? readJson(content) : readYaml(content);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new SchemaException("$", "the document must be an object");
        }
        Tree root = new Tree(map, "$");
        if (root.has("synchronizationRules")) {
            return GraphSchemaReader.read(root, origin);
        }
        if (root.has("users") || root.has("groups")) {
            return ConciseSchemaReader.read(root, origin);
        }
        throw new SchemaException("$", "expected a Graph synchronizationSchema (with synchronizationRules) or the concise "
                + "form (with users and/or groups)");
    }

    private static Object readJson(String content) {
        try {
            return RecordCodec.mapper().readValue(content, Object.class);
        } catch (RuntimeException e) {
            throw new SchemaException("$", "not valid JSON: " + e.getMessage());
        }
    }

    private static Object readYaml(String content) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(content);
        } catch (RuntimeException e) {
            throw new SchemaException("$", "not valid YAML: " + e.getMessage());
        }
    }
}
