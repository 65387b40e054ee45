package org.blockhost.installer.internal.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.AdminAccessKey;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.StepException;
import org.blockhost.installer.internal.finalize.FinalizationRunner;
import org.blockhost.installer.internal.finalize.Finalizer;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The setup service over the finalization runner: one validation for every caller, runs
 * serialised, and in dev mode the admin access key answered from the dev admin key file right
 * before the step that needs it (after the engine's contracts exist). Calls into the engine's
 * {@link AdminAccessKey} are fenced.
 */
@Component(service = SetupService.class)
public final class SetupServiceImpl implements SetupService {
    private final FinalizationRunner runner;
    private final PluginStatus plugins;
    private final boolean dev;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<ServiceReference<AdminAccessKey>, AdminAccessKey> accessKeys = new ConcurrentHashMap<>();

    @Activate
    public SetupServiceImpl(@Reference FinalizationRunner runner, @Reference PluginStatus plugins, BundleContext context) {
        this.runner = runner;
        this.plugins = plugins;
        this.dev = RuntimeLayout.from(context::getProperty).dev();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAccessKey(AdminAccessKey source, ServiceReference<AdminAccessKey> ref) {
        accessKeys.put(ref, source);
    }

    void removeAccessKey(AdminAccessKey source, ServiceReference<AdminAccessKey> ref) {
        accessKeys.remove(ref);
    }

    @Override
    public Map<String, String> problems(Map<String, String> answers) {
        return runner.problems(answers);
    }

    @Override
    public void save(Map<String, String> answers) {
        runner.save(answers);
    }

    @Override
    public void save(Map<String, String> answers, Set<String> removed) {
        runner.save(answers, removed);
    }

    @Override
    public Map<String, String> answers() {
        return runner.answers();
    }

    @Override
    public Map<String, String> published() {
        return runner.published();
    }

    @Override
    public Result run() {
        synchronized (running) {
            running.set(true);
            try {
                Finalizer.Result r = runner.run(Map.of(), this::beforeStep);
                return new Result(r.complete(), r.failedStep(), r.error());
            } finally {
                running.set(false);
            }
        }
    }

    @Override
    public Result retry(String stepId) {
        if (runner.steps().stream().noneMatch(s -> s.id().equals(stepId))) {
            throw new IllegalArgumentException("no finalization step '" + stepId + "'");
        }
        return run();
    }

    @Override
    public boolean running() {
        return running.get();
    }

    @Override
    public Optional<AccessKeyRequest> accessKeyRequest() {
        for (Map.Entry<ServiceReference<AdminAccessKey>, AdminAccessKey> e : List.copyOf(accessKeys.entrySet())) {
            try {
                AccessKeyRequest request = e.getValue().request(runner.context());
                if (request != null) {
                    return Optional.of(request);
                }
            } catch (RuntimeException ex) {
                plugins.reportFailure(e.getKey().getBundle().getBundleId(), "admin access key request", ex);
            }
        }
        return Optional.empty();
    }

    /** Dev mode: answers the admin access key from the dev admin key file as soon as its message is known. */
    private void beforeStep(Finalizer.Registered step) throws StepException {
        String keyFile = runner.answers().get(DEV_ADMIN_KEY_FILE);
        if (!dev || keyFile == null) {
            return;
        }
        Optional<AccessKeyRequest> request = accessKeyRequest();
        if (request.isPresent()) {
            Map<String, String> add = DevAccessKey.answers(request.get(), runner.answers(), Path.of(keyFile));
            if (!add.isEmpty()) {
                runner.save(add);
            }
        }
    }
}
