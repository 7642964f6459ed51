package io.entrascim.mapper.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MappingPreview;

/** Previews the configured mapping for one source object: scoping decision, operation and SCIM payload. */
@RestController
class MappingPreviewController {
    private final ChangeMapper mapper;

    MappingPreviewController(ChangeMapper mapper) {
        this.mapper = mapper;
    }

    /** @param assigned optional: true/false when known; omitted = assignment not evaluated */
    record PreviewRequest(@NotNull(message = "source is required") Map<String, Object> source, ObjectType objectType, Boolean assigned) {
    }

    @PostMapping("/api/mappings/preview")
    Map<String, Object> preview(@Valid @RequestBody PreviewRequest request) {
        ObjectType type = request.objectType() == null ? ObjectType.USER : request.objectType();
        return MappingPreview.preview(mapper, type, request.source(), request.assigned());
    }
}
