package io.dayshift.compute;

import java.util.Optional;

/**
 * A server as runbooks see it.
 *
 * @param id        the server's UUID
 * @param name      its display name
 * @param projectId its project
 * @param status    Nova's status: ACTIVE, BUILD, MIGRATING, RESIZE, VERIFY_RESIZE, REBUILD, SHUTOFF, ERROR, ...
 * @param taskState what Nova is doing to it right now ({@code migrating}, {@code resize_finish}, ...), if anything
 * @param host      the compute host it runs on, if it has one
 */
public record ServerSummary(String id, String name, String projectId, String status, Optional<String> taskState, Optional<String> host) {
}
