// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title Two roles: the owner (the operator's cold admin wallet or a multisig) changes prices,
///        settings and roles; the operator (the host's hot key) runs the day-to-day calls.
abstract contract OperatorRole is Ownable {
    address public operator;

    event OperatorSet(address indexed operator);

    error NotOperator(address caller);
    error ZeroAddress();

    constructor(address initialOwner, address initialOperator) Ownable(initialOwner) {
        _setOperator(initialOperator);
    }

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    /// @notice Replaces the operator (for example after the host key was rotated or compromised).
    function setOperator(address newOperator) external onlyOwner {
        _setOperator(newOperator);
    }

    function _setOperator(address newOperator) private {
        if (newOperator == address(0)) revert ZeroAddress();
        operator = newOperator;
        emit OperatorSet(newOperator);
    }
}
