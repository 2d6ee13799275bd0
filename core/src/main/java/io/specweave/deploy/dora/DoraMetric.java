package io.specweave.deploy.dora;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One of the four keys.
 *
 * @param value   the figure in {@code unit}; null when there is no data
 * @param unit    deployments/week, hours, percent
 * @param display the figure for people ("3.5/week", "2d 4h", "12.5%"), or "N/A"
 * @param band    elite, high, medium or low; "N/A" when there is no data
 * @param basis   what the band was decided on (e.g. "median 4 deployment days per week") or, with no data, why
 * @param sample  how many deployments (or failures) the figure is computed from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DoraMetric(Double value, String unit, String display, String band, String basis, int sample) {

    public static final String NA = "N/A";

    public static DoraMetric notAvailable(String unit, String reason) {
        return new DoraMetric(null, unit, NA, NA, reason, 0);
    }

    @JsonIgnore
    public boolean available() {
        return value != null;
    }
}
