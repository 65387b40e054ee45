package org.blockhost.installer.api;

/**
 * {@link SetupService#save} or {@link WizardAnswers#save} refused answers, and nothing was saved: a finalization step
 * that reads one of them is running (it may have started after the page checked the answers), or the registered
 * steps changed so that an answer is no longer valid. Pages check first ({@link SetupService#problems}), so a
 * refusal at the save means the setup changed in between.
 *
 * <p>A wizard page need not catch it: the installer answers it the same way for every page on the setup surface — 400
 * with {@link #sentence()} and a way back to the page, never a 500, and the page's plugin is not marked failed. It
 * extends {@link IllegalArgumentException}, so callers that catch that (the answers file) keep working; its message
 * names the field for them. Since 1.7.
 */
public class SetupChangedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String sentence;

    /**
     * @param field the refused answer's key
     * @param message the refusal naming the field (for the answers file and logs)
     * @param sentence the refusal for the operator: no internal field names, says what to do next
     */
    public SetupChangedException(String field, String message, String sentence) {
        super(message);
        this.field = field;
        this.sentence = sentence;
    }

    /** The key of the (first) refused answer. */
    public String field() {
        return field;
    }

    /** What the page shows: why nothing was saved and what to do next, without internal field names. */
    public String sentence() {
        return sentence;
    }
}
