// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

/// @title Bytes kept as the code of a data contract at a CREATE2 address that depends only on the
///        storing contract and a salt (no pointer in storage).
/// @notice Writing costs 32,000 gas plus 200 gas per byte (code deposit) instead of 22,100 gas per
///         32-byte storage slot; reading is EXTCODECOPY. The data contract's code is 0x00 (STOP, so
///         nobody can execute it) followed by the bytes. Its init code is the fixed LOADER: it asks
///         its creator (the storing contract, through an empty-calldata STATICCALL answered by the
///         creator's fallback with {pending}) for the code to deploy, so the init code, and
///         therefore the address, does not depend on the data. The pending bytes live in transient
///         storage only for the creating call.
library CodeStore {
    /// PUSH0 x4, CALLER, GAS, STATICCALL, ISZERO, PUSH1 0x12, JUMPI, RETURNDATASIZE, PUSH0, PUSH0,
    /// RETURNDATACOPY, RETURNDATASIZE, PUSH0, RETURN, JUMPDEST, PUSH0, PUSH0, REVERT
    bytes internal constant LOADER = hex"5f5f5f5f335afa156012573d5f5f3e3d5ff35b5f5ffd";
    bytes32 internal constant LOADER_HASH = keccak256(LOADER);
    /// transient slot of the pending code's length, keccak256("blockhost.CodeStore.pending"); its
    /// 32-byte words follow
    uint256 private constant PENDING = 0x10c23df731e325b06dbcd815852c8437079ae4d64aea6b532f66045adb6d4f1a;

    error StoreFailed();

    /// @return where the bytes stored under {salt} by this contract live (code length 0: nothing stored)
    function location(bytes32 salt) internal view returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, LOADER_HASH)))));
    }

    function exists(bytes32 salt) internal view returns (bool) {
        return location(salt).code.length != 0;
    }

    /// Deploys {data} under {salt}; reverts when something is stored there already.
    function store(bytes32 salt, bytes calldata data) internal {
        _setPending(data);
        bytes memory loader = LOADER;
        address created;
        assembly ("memory-safe") {
            created := create2(0, add(loader, 32), mload(loader), salt)
        }
        _clearPending();
        if (created == address(0)) revert StoreFailed();
    }

    function load(bytes32 salt) internal view returns (bytes memory data) {
        address at = location(salt);
        uint256 size = at.code.length;
        if (size == 0) return data;
        data = new bytes(size - 1);
        assembly ("memory-safe") {
            extcodecopy(at, add(data, 32), 1, sub(size, 1))
        }
    }

    /// Answers the LOADER (call it from the storing contract's fallback): returns the pending code
    /// raw, or reverts when nothing is pending or the call carries data.
    function answerLoader() internal view {
        assembly {
            let size := tload(PENDING)
            if or(iszero(size), gt(calldatasize(), 0)) { revert(0, 0) }
            for { let i := 0 } lt(i, size) { i := add(i, 32) } {
                mstore(i, tload(add(add(PENDING, 1), shr(5, i))))
            }
            return(0, size)
        }
    }

    function _setPending(bytes calldata data) private {
        assembly ("memory-safe") {
            let size := add(data.length, 1)
            let buffer := mload(0x40)
            mstore(buffer, 0)
            calldatacopy(add(buffer, 1), data.offset, data.length)
            tstore(PENDING, size)
            for { let i := 0 } lt(i, size) { i := add(i, 32) } {
                tstore(add(add(PENDING, 1), shr(5, i)), mload(add(buffer, i)))
            }
        }
    }

    function _clearPending() private {
        assembly ("memory-safe") {
            tstore(PENDING, 0)
        }
    }
}
