package io.specweave.deploy.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One row of {@code status} without an increment.
 *
 * @param id           folder name
 * @param title        from spec.md, may be null
 * @param status       SpecWeave's status, may be null
 * @param location     increments, _archive, _abandoned or _paused
 * @param environments environment → state, in pipeline order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncrementSummary(String id, String title, String status, String location,
        Map<String, String> environments) {
}
