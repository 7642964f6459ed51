package io.entrascim.mapper.mapping;

import java.util.List;

import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.TargetAttribute;

/**
 * The mapped target attributes of one object.
 *
 * @param attributes  values to send, nulls left out
 * @param matching    matching attributes in precedence order
 * @param dropped     targets left out by IgnoreFlowIfNullOrEmpty
 * @param nulls       targets left out because they evaluated to null without a default
 */
public record MappedObject(List<TargetAttribute> attributes, List<MatchingAttribute> matching, List<String> dropped,
                           List<String> nulls) {
}
