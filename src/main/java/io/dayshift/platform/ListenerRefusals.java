package io.dayshift.platform;

import io.dayshift.engine.EngineCommands;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task or execution listener throws into a generic exception, which
 * the REST API and the webapps answer with 500. A listener's refusal — the four-eyes rule, a form
 * without a reason — is rethrown as itself after the rollback, so callers get 403 or 400 with the
 * rule's own message (the REST API answers a form field's refusal with 400).
 */
@Component
class ListenerRefusals extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addAroundContext(configuration, new Unwrapping());
    }

    static final class Unwrapping extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException wrapped) {
                RuntimeException refusal = refusal(wrapped);
                throw refusal != null ? refusal : wrapped;
            }
        }

        private static RuntimeException refusal(ProcessEngineException wrapped) {
            if (isRefusal(wrapped)) {
                return null;
            }
            for (Throwable cause = wrapped.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (isRefusal(cause)) {
                    return (RuntimeException) cause;
                }
            }
            return null;
        }

        private static boolean isRefusal(Throwable exception) {
            return exception instanceof AuthorizationException
                    || exception instanceof BadUserRequestException
                    || exception instanceof FormFieldValidationException;
        }
    }
}
