// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

/// @title Checks that an access key is a compressed point on secp256k1.
/// @notice A compressed key is 0x02 or 0x03 followed by x (32 bytes, big-endian). It is a point of
///         the curve y^2 = x^3 + 7 (mod p) when x < p and x^3 + 7 is a quadratic residue mod p, which
///         Euler's criterion decides: (x^3 + 7)^((p - 1) / 2) == 1 (mod p), computed with the
///         modexp precompile (address 0x05).
library Secp256k1Key {
    uint256 internal constant LENGTH = 33;
    uint256 private constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;
    uint256 private constant HALF_P_MINUS_ONE = (P - 1) / 2;

    error ModexpFailed();

    function isCompressedPoint(bytes calldata key) internal view returns (bool) {
        if (key.length != LENGTH || (key[0] != 0x02 && key[0] != 0x03)) return false;
        uint256 x = uint256(bytes32(key[1:LENGTH]));
        if (x >= P) return false;
        uint256 rhs = addmod(mulmod(mulmod(x, x, P), x, P), 7, P);
        return _modexp(rhs, HALF_P_MINUS_ONE) == 1;
    }

    function _modexp(uint256 base, uint256 exponent) private view returns (uint256) {
        (bool ok, bytes memory out) =
            address(0x05).staticcall(abi.encode(uint256(32), uint256(32), uint256(32), base, exponent, P));
        if (!ok || out.length != 32) revert ModexpFailed();
        return abi.decode(out, (uint256));
    }
}
