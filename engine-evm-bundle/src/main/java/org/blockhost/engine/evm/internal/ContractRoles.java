package org.blockhost.engine.evm.internal;

import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The two roles both contracts share (contracts/src/OperatorRole.sol): the owner (the operator's
 * cold admin wallet after setup) and the operator (the host key), lower-case 0x-hex.
 */
record ContractRoles(String owner, String operator) {

    static ContractRoles read(ChainCalls calls, String from, String contract) throws ChainUnavailableException {
        return new ContractRoles(address(calls, from, contract, "owner"), address(calls, from, contract, "operator"));
    }

    /** A view function of {@code contract} returning one address, at {@code latest}. */
    static String address(ChainCalls calls, String from, String contract, String function)
            throws ChainUnavailableException {
        try {
            String result = calls.call(from, contract, Abi.encode(function), DefaultBlockParameterName.LATEST);
            return ((String) Abi.decode(result, new TypeReference<Address>() { }).get(0).getValue()).toLowerCase();
        } catch (TransactionRevertedException | IndexOutOfBoundsException e) {
            throw new ChainUnavailableException(function + "() on " + contract + " failed", e);
        }
    }

    boolean ownedBy(String address) {
        return owner.equalsIgnoreCase(address);
    }

    boolean operatedBy(String address) {
        return operator.equalsIgnoreCase(address);
    }
}
