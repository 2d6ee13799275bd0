package io.specweave.deploy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.http.BasicAuth;
import io.specweave.deploy.http.HttpResult;
import io.specweave.deploy.http.RestClient;
import io.specweave.deploy.http.Urls;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads track metrics with Prometheus' instant query API ({@code GET /api/v1/query}). A query
 * that returns no series gives no value; one that returns several is not summed behind the
 * user's back but reported, since the numbers would mean something else than they think.
 *
 * <p>A Prometheus behind basic authentication is given as {@code https://user:password@host/}: the
 * user info is sent as {@code Authorization: Basic} to that origin only (a redirect elsewhere is
 * refused), and never shown — messages and reports name the URL without it.
 */
public final class PrometheusMetricsSource implements MetricsSource {

    private final RestClient client;
    private final String baseUrl;
    private final String authorization;
    private final MetricQueries queries;

    public PrometheusMetricsSource(RestClient client, String baseUrl, MetricQueries queries) {
        this.client = client;
        URI uri = Urls.httpUrl(baseUrl, queries.where() + ".prometheusUrl");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String decoded = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
            client.redactor().add(userInfo).add(decoded);
            int colon = decoded.indexOf(':');
            if (colon >= 0) {
                client.redactor().add(decoded.substring(colon + 1));
            }
            this.authorization = BasicAuth.fromUserInfo(decoded);
        } else {
            this.authorization = null;
        }
        String plain = uri.getScheme() + "://" + uri.getRawAuthority().substring(userInfo == null ? 0
                : userInfo.length() + 1) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        this.baseUrl = plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
        this.queries = queries;
    }

    @Override
    public TrackMetrics read(String track, String version) {
        List<String> problems = new ArrayList<>();
        Double rate = query(MetricQueries.REQUEST_RATE, track, version, problems);
        Double errors = query(MetricQueries.ERROR_RATE, track, version, problems);
        Double p50 = query(MetricQueries.P50, track, version, problems);
        Double p95 = query(MetricQueries.P95, track, version, problems);
        Double requests = query(MetricQueries.REQUESTS, track, version, problems);
        return new TrackMetrics(rate, errors, p50, p95, requests, problems);
    }

    /**
     * One metric of one track, as {@link #read} queries each: null when the query returned no series
     * (the reason is added to {@code problems}).
     */
    public Double value(String metric, String track, String version, List<String> problems) {
        return query(metric, track, version, problems);
    }

    private Double query(String metric, String track, String version, List<String> problems) {
        String promql = queries.render(metric, track, version);
        URI uri = URI.create(baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        RestClient.Call call = RestClient.Call.get(uri).header("Accept", "application/json")
                .setting(queries.where() + ".prometheusUrl");
        if (authorization != null) {
            call.authorization(authorization);
        }
        HttpResult result;
        try {
            result = client.send(call);
        } catch (OperationFailedException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw e; // a refused redirect, a body too large: said in their own words already
            }
            throw new OperationFailedException("Prometheus at " + baseUrl + " could not be reached: "
                    + e.getMessage(), e);
        }
        JsonNode body;
        try {
            body = result.json();
        } catch (RuntimeException e) {
            throw new OperationFailedException("Prometheus at " + baseUrl + " answered HTTP " + result.status()
                    + " with a body that is not JSON; is metrics.prometheusUrl the Prometheus server?");
        }
        if (result.status() == 400 || result.status() == 422) {
            throw new BadInputException(queries.where() + ".queries." + metric + ": Prometheus rejected the query "
                    + promql + ": " + client.redactor().redact(body.path("error").asText("HTTP " + result.status())));
        }
        if (!result.isSuccess() || !"success".equals(body.path("status").asText())) {
            throw new OperationFailedException("Prometheus at " + baseUrl + " failed the query for " + metric + " ("
                    + track + "): HTTP " + result.status() + " " + client.redactor().redact(body.path("error").asText("")));
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText();
        JsonNode value;
        if ("scalar".equals(type)) {
            value = data.path("result");
        } else if ("vector".equals(type)) {
            JsonNode series = data.path("result");
            if (series.isEmpty()) {
                problems.add(metric + ": no data for " + track + " (" + promql + ")");
                return null;
            }
            if (series.size() > 1) {
                problems.add(metric + ": " + series.size() + " series for " + track
                        + "; the query must return one (wrap it in sum(...))");
                return null;
            }
            value = series.get(0).path("value");
        } else {
            problems.add(metric + ": the query returns a " + type + ", expected an instant vector or scalar");
            return null;
        }
        double parsed = parse(value.path(1).asText());
        if (Double.isNaN(parsed)) {
            problems.add(metric + ": NaN for " + track + " (no traffic in the window?)");
        }
        return parsed;
    }

    static double parse(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }
}
