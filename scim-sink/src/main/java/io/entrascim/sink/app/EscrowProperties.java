package io.entrascim.sink.app;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code sink.escrows.*}: parked member and manager references.
 *
 * @param maxAge a parked reference whose member/manager (or group/user) still has no target id after this long is
 *               dropped (audited) by {@code POST /api/restart?scope=escrows}; default 28d, Entra's escrow lifetime
 */
@Validated
@ConfigurationProperties("sink.escrows")
record EscrowProperties(@NotNull(message = "set sink.escrows.max-age, e.g. 28d") @DefaultValue("28d") Duration maxAge) {

    EscrowProperties {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("sink.escrows.max-age must be positive (was " + maxAge + "), e.g. 28d");
        }
    }
}
