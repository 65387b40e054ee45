// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title Test stablecoin for tests and dev mode only: 6 decimals, anyone may mint.
/// @notice The production setup path never deploys this contract.
contract TestStablecoin is ERC20 {
    constructor() ERC20("BlockHost Test USD", "TUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
