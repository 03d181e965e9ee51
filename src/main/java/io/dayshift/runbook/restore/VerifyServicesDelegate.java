package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.SERVICES_OK;
import static io.dayshift.runbook.restore.DrRestore.Variables.SERVICE_CHECK;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Image;
import io.dayshift.compute.VolumeService;
import io.dayshift.site.Site;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_VerifyServices}: the restored cloud answers and its services are up: every enabled nova-compute service up,
 * every enabled volume service up (Cinder, so volumes are reachable), and Glance lists at least one active image.
 */
@Component("verifyRestoredServices")
class VerifyServicesDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final ComputeCloud compute;
    private final CloudInventory inventory;

    VerifyServicesDelegate(RestoreTargets targets, ComputeCloud compute, CloudInventory inventory) {
        this.targets = targets;
        this.compute = compute;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = targets.site(SITE.get(execution));
        List<ComputeService> computes = compute.computeServices(site).stream().filter(ComputeService::isCompute).filter(ComputeService::enabled).toList();
        List<String> computesDown = computes.stream().filter(s -> !s.up()).map(ComputeService::host).sorted().toList();
        List<VolumeService> volumes = inventory.volumeServices(site).stream().filter(VolumeService::enabled).toList();
        List<String> volumesDown = volumes.stream().filter(v -> !v.up()).map(v -> v.binary() + "@" + v.host()).sorted().toList();
        List<Image> images = inventory.images(site).stream().filter(i -> i.status().equals("active")).toList();
        boolean ok = !computes.isEmpty() && computesDown.isEmpty() && !volumes.isEmpty() && volumesDown.isEmpty() && !images.isEmpty();
        String check = "nova-compute: " + (computes.size() - computesDown.size()) + "/" + computes.size() + " enabled services up"
                + (computesDown.isEmpty() ? "" : " (down: " + String.join(", ", computesDown) + ")") + "; volume services: "
                + (volumes.size() - volumesDown.size()) + "/" + volumes.size() + " up" + (volumesDown.isEmpty() ? "" : " (down: " + String.join(", ", volumesDown) + ")")
                + "; images: " + images.size() + " active";
        SERVICES_OK.set(execution, ok);
        SERVICE_CHECK.set(execution, check);
        RunLog.record(execution, "GET /os-services, GET /os-services (volume), GET /v2/images", site.name(), ok ? "services up" : "services NOT all up", null, check);
    }
}
