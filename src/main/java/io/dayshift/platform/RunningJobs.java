package io.dayshift.platform;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration.JobConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The jobs this node's job executor has in hand: handed to its threads (queued or running) and not yet done. The engine
 * does not say; its job threads are a Spring {@link ThreadPoolTaskExecutor}, so every batch of jobs the job executor
 * hands over passes through this decorator, which notes the batch's job ids until the batch's last job is done. What
 * is not in hand, yet locked by this node, is a lock nobody works under ({@link OwnJobLocks} gives it back).
 */
@Component
class RunningJobs implements TaskDecorator, BeanPostProcessor {

    private static final Field JOB_IDS = jobIdsField();

    private final Set<String> inHand = ConcurrentHashMap.newKeySet();

    /** The job ids in hand now. */
    Set<String> inHand() {
        return Set.copyOf(inHand);
    }

    @Override
    public Runnable decorate(Runnable work) {
        if (!(work instanceof ExecuteJobsRunnable batch)) {
            return work;
        }
        List<String> ids = jobIds(batch);
        inHand.addAll(ids);
        return () -> {
            try {
                work.run();
            } finally {
                ids.forEach(inHand::remove);
            }
        };
    }

    /** The job executor's threads: each batch handed to them passes through {@link #decorate}. */
    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof ThreadPoolTaskExecutor threads && JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER.equals(name)) {
            threads.setTaskDecorator(this);
        }
        return bean;
    }

    @SuppressWarnings("unchecked")
    private static List<String> jobIds(ExecuteJobsRunnable batch) {
        try {
            return List.copyOf((List<String>) JOB_IDS.get(batch));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the job ids of a batch of jobs", e);
        }
    }

    private static Field jobIdsField() {
        try {
            Field field = ExecuteJobsRunnable.class.getDeclaredField("jobIds");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("the engine's ExecuteJobsRunnable has no jobIds any more; RunningJobs must learn its new form", e);
        }
    }
}
