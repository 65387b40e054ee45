package org.blockhost.rootagent.internal.actions;

import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;

/** The libvirt domain actions. Every domain is addressed by a validated name. */
public final class VmActions {
    private VmActions() {
    }

    /** Functional shape of one libvirt call on a domain. */
    @FunctionalInterface
    private interface DomainOp {
        void apply(Domain d) throws LibvirtException;
    }

    public static Map<String, Object> define(Args args, AgentContext ctx) throws ActionException {
        String xml = DomainXml.render(args, args.str("virt_type"));
        if (args.has("disk")) {
            BackingChain.check(args.path("disk"), ctx);
        }
        try {
            recheckPaths(args);
            Connect c = ctx.libvirt().connection();
            Domain d = c.domainDefineXML(xml);
            try {
                return Map.of("name", d.getName(), "uuid", d.getUUIDString());
            } finally {
                LibvirtGateway.free(d);
            }
        } catch (LibvirtException e) {
            throw ActionException.failed("define failed: " + LibvirtGateway.msg(e));
        } catch (java.io.IOException e) {
            throw ActionException.failed("define refused: " + e.getMessage());
        }
    }

    private static void recheckPaths(Args args) throws java.io.IOException {
        if (args.has("disk")) {
            args.path("disk").recheck();
        }
        if (args.has("seed")) {
            args.path("seed").recheck();
        }
    }

    /**
     * Runs the domain: boots a shut-off one (libvirt restores a managed-save image if there is one)
     * and continues one that is paused, including one whose image was saved while paused.
     */
    public static Map<String, Object> start(Args args, AgentContext ctx) throws ActionException {
        return op(args, ctx, "start", VmActions::run);
    }

    private static void run(Domain d) throws LibvirtException {
        if (d.isActive() == 0) {
            d.create();
        }
        if (d.getInfo().state == DomainState.VIR_DOMAIN_PAUSED) {
            d.resume();
        }
    }

    public static Map<String, Object> shutdown(Args args, AgentContext ctx) throws ActionException {
        return op(args, ctx, "shutdown", Domain::shutdown);
    }

    public static Map<String, Object> destroy(Args args, AgentContext ctx) throws ActionException {
        return op(args, ctx, "destroy", d -> {
            if (d.isActive() != 0) {
                d.destroy();
            }
        });
    }

    /**
     * Suspends without holding RAM: a running or paused domain's memory is written to libvirt's
     * managed-save image and the domain stops ({@code virDomainManagedSave}); the next start restores
     * it. A shut-off domain is left as it is (it holds no RAM either).
     */
    public static Map<String, Object> suspend(Args args, AgentContext ctx) throws ActionException {
        return op(args, ctx, "suspend", d -> {
            if (d.isActive() != 0) {
                d.managedSave();
            }
        });
    }

    /** Runs a suspended (saved), paused or shut-off domain again; the same as {@link #start}. */
    public static Map<String, Object> resume(Args args, AgentContext ctx) throws ActionException {
        return op(args, ctx, "resume", VmActions::run);
    }

    public static Map<String, Object> state(Args args, AgentContext ctx) throws ActionException {
        return op(args, ctx, "state", d -> { });
    }

    public static Map<String, Object> undefine(Args args, AgentContext ctx) throws ActionException {
        return VmUndefine.undefine(args, ctx);
    }

    private static Map<String, Object> op(Args args, AgentContext ctx, String what, DomainOp op) throws ActionException {
        String name = args.str("name");
        Domain d = ctx.libvirt().domain(name);
        try {
            op.apply(d);
            return Map.of("name", name, "state", stateName(d));
        } catch (LibvirtException e) {
            throw ActionException.failed(what + " " + name + " failed: " + LibvirtGateway.msg(e));
        } finally {
            LibvirtGateway.free(d);
        }
    }

    static String stateName(Domain d) throws LibvirtException {
        DomainState s = d.getInfo().state;
        return switch (s) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> "running";
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> "paused";
            case VIR_DOMAIN_SHUTDOWN -> "shutting-down";
            case VIR_DOMAIN_SHUTOFF -> d.hasManagedSaveImage() == 1 ? "saved" : "shutoff";
            case VIR_DOMAIN_CRASHED -> "crashed";
            default -> "unknown";
        };
    }
}
