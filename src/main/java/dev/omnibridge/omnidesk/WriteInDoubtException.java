package dev.omnibridge.omnidesk;

/**
 * A write whose answer was lost is not in the case yet, and its deadline has not passed: Omnidesk may still store
 * it, so it is not sent again now; the case is looked at again after the next retry delay.
 */
public class WriteInDoubtException extends RuntimeException {

    public WriteInDoubtException(String operation, long caseId) {
        super("The " + operation + " to case " + caseId + " may still be stored by Omnidesk; looking again later");
    }
}
