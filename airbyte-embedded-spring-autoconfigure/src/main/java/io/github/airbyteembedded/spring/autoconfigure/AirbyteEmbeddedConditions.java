package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * When Airbyte Embedded is active: a client id with text, the emulator on, or the application's own
 * {@link AirbyteEmbeddedConfig} or {@link AirbyteEmbedded} bean.
 */
final class AirbyteEmbeddedConditions {

    static final String CLIENT_ID_PROPERTY = "airbyte.embedded.client-id";
    static final String EMULATOR_ENABLED_PROPERTY = "airbyte.embedded.emulator.enabled";

    private AirbyteEmbeddedConditions() {
    }

    /** Matches when Airbyte Embedded is active. */
    static final class Active extends AnyNestedCondition {

        Active() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(ClientIdHasText.class)
        static final class ClientId {
        }

        @ConditionalOnBooleanProperty(EMULATOR_ENABLED_PROPERTY)
        static final class EmulatorEnabled {
        }

        @ConditionalOnBean(AirbyteEmbeddedConfig.class)
        static final class ApplicationConfig {
        }

        @ConditionalOnBean(AirbyteEmbedded.class)
        static final class ApplicationIntegration {
        }
    }

    /** Matches when Airbyte Embedded is not active: the exact opposite of {@link Active}. */
    static final class Inactive extends NoneNestedConditions {

        Inactive() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(ClientIdHasText.class)
        static final class ClientId {
        }

        @ConditionalOnBooleanProperty(EMULATOR_ENABLED_PROPERTY)
        static final class EmulatorEnabled {
        }

        @ConditionalOnBean(AirbyteEmbeddedConfig.class)
        static final class ApplicationConfig {
        }

        @ConditionalOnBean(AirbyteEmbedded.class)
        static final class ApplicationIntegration {
        }
    }

    /** Matches when the client id property has text: a blank value, e.g. an unset {@code ${AIRBYTE_CLIENT_ID:}}, is absent. */
    static final class ClientIdHasText extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(CLIENT_ID_PROPERTY))
                    ? ConditionOutcome.match(CLIENT_ID_PROPERTY + " is set")
                    : ConditionOutcome.noMatch(CLIENT_ID_PROPERTY + " is not set");
        }
    }
}
