package io.entrascim.mapper.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.entrascim.mapper.expression.EvaluationContext;
import io.entrascim.mapper.expression.EvaluationResult;
import io.entrascim.mapper.expression.Expression;
import io.entrascim.mapper.expression.ExpressionEvaluationException;
import io.entrascim.mapper.expression.ExpressionParseException;
import io.entrascim.mapper.mapping.SourceAttributes;

/** The expression builder's "test" button: evaluates one expression against one source object. */
@RestController
class ExpressionController {

    record EvaluateRequest(@NotNull(message = "expression is required") String expression, Map<String, Object> source) {
    }

    @PostMapping("/api/expressions/evaluate")
    ResponseEntity<Map<String, Object>> evaluate(@Valid @RequestBody EvaluateRequest request) {
        Map<String, Object> source = request.source() == null ? Map.of() : request.source();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expression", request.expression());
        try {
            Expression e = Expression.parse(request.expression());
            Object soft = source.get("IsSoftDeleted");
            EvaluationResult r = e.evaluate(EvaluationContext.of(new SourceAttributes(source, String.valueOf(source.get("id")),
                    soft != null && Boolean.parseBoolean(soft.toString()))));
            body.put("value", r.value());
            body.put("dropped", r.dropped());
            body.put("redacted", r.redacted());
            if (r.dropped()) {
                body.put("note", "IgnoreFlowIfNullOrEmpty: the attribute would not be sent");
            }
            return ResponseEntity.ok(body);
        } catch (ExpressionParseException ex) {
            body.put("error", "parse");
            body.put("column", ex.column());
            body.put("reason", ex.reason());
            return ResponseEntity.badRequest().body(body);
        } catch (ExpressionEvaluationException ex) {
            body.put("error", "evaluation");
            body.put("reason", ex.getMessage());
            return ResponseEntity.unprocessableEntity().body(body);
        }
    }
}
