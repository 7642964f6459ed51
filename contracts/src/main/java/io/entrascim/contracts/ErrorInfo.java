package io.entrascim.contracts;

/**
 * Graph {@code provisioningErrorInfo}.
 *
 * @param errorCode         e.g. {@code DuplicateTargetEntries}, {@code TooManyRequests}, {@code MalformedRecord}
 * @param reason            what went wrong, naming the field or attribute
 * @param additionalDetails HTTP status, SCIM {@code scimType}/{@code detail}, expression text; may be null
 * @param errorCategory     {@code failure} (retriable / service) or {@code nonServiceFailure} (data / policy)
 * @param recommendedAction what an operator should do, may be null
 */
public record ErrorInfo(String errorCode, String reason, String additionalDetails, String errorCategory,
                        String recommendedAction) {
}
