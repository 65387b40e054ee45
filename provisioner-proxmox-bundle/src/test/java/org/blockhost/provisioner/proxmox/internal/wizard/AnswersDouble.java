package org.blockhost.provisioner.proxmox.internal.wizard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.SetupService;
import org.blockhost.provisioner.proxmox.internal.setup.ProxmoxSetupStep;

/** A setup service for the page's tests: checks answers with the Proxmox step's {@code problem}, as the installer does. */
public final class AnswersDouble implements SetupService {
    public final Map<String, String> saved = new LinkedHashMap<>();
    private final ProxmoxSetupStep step;

    public AnswersDouble(ProxmoxSetupStep step) {
        this.step = step;
    }

    @Override
    public Map<String, String> problems(Map<String, String> answers) {
        Map<String, String> out = new LinkedHashMap<>();
        answers.forEach((k, v) -> {
            if (!step.answerKeys().contains(k)) {
                out.put(k, "unknown field");
            } else {
                step.problem(k, v).ifPresent(m -> out.put(k, m));
            }
        });
        return out;
    }

    @Override
    public void save(Map<String, String> answers) {
        if (!problems(answers).isEmpty()) {
            throw new IllegalArgumentException("refused");
        }
        saved.putAll(answers);
    }

    @Override
    public void save(Map<String, String> answers, Set<String> removed) {
        save(answers);
        saved.keySet().removeAll(removed);
    }

    @Override public Map<String, String> answers() { return Map.copyOf(saved); }
    @Override public Map<String, String> published() { return Map.of(); }
    @Override public Result run() { throw new UnsupportedOperationException(); }
    @Override public Result retry(String stepId) { throw new UnsupportedOperationException(); }
    @Override public boolean running() { return false; }
    @Override public Optional<AccessKeyRequest> accessKeyRequest() { return Optional.empty(); }
}
