// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {OperatorRole} from "./OperatorRole.sol";
import {Secp256k1Key} from "./Secp256k1Key.sol";

/// @title BlockHost subscriptions: plans priced in US cents per day, paid in one stablecoin.
/// @notice Plan ids and subscription ids start at 1 and are sequential. The owner (cold admin
///         wallet) writes plans, sets the stablecoin, the operator and the payout address, and
///         cancels subscriptions; the operator (hot host key) marks subscriptions whose VM was
///         destroyed; owner or operator may withdraw, always to the payout address. Anyone may buy
///         or extend, with a maximum amount they agree to pay. A subscription is one storage slot
///         and a plan's price and state another, so a purchase writes a single new slot.
contract BlockhostSubscriptions is OperatorRole, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant MAX_DAYS = 3650;
    uint256 public constant ACCESS_KEY_LENGTH = Secp256k1Key.LENGTH;
    uint8 public constant MIN_STABLECOIN_DECIMALS = 2;
    uint8 public constant MAX_STABLECOIN_DECIMALS = 36;

    /// price 0 = no such plan (a plan's price is never 0)
    struct Plan {
        uint128 pricePerDayUsdCents;
        bool active;
        string name;
    }

    /// one slot; subscriber 0 = no such subscription
    struct Subscription {
        address subscriber;
        uint40 expiresAt;
        uint40 planId;
        bool cancelled;
        bool destroyed;
    }

    IERC20 public stablecoin;
    uint8 public stablecoinDecimals;
    uint256 public planCount;
    uint256 public subscriptionCount;
    /// 0 = the owner
    address private payout;

    mapping(uint256 => Plan) private plans;
    mapping(uint256 => Subscription) private subscriptions;

    event PlanCreated(uint256 indexed planId, string name, uint256 pricePerDayUsdCents);
    event PlanUpdated(uint256 indexed planId, string name, uint256 pricePerDayUsdCents, bool active);
    event StablecoinSet(address indexed token, uint8 decimals);
    event SubscriptionCreated(
        uint256 indexed subscriptionId,
        uint256 indexed planId,
        address indexed subscriber,
        uint64 expiresAt,
        bytes accessKey
    );
    event SubscriptionExtended(uint256 indexed subscriptionId, address indexed payer, uint64 newExpiresAt);
    event SubscriptionCancelled(uint256 indexed subscriptionId);
    event SubscriptionDestroyed(uint256 indexed subscriptionId);
    event PayoutAddressSet(address indexed payout);
    event Withdrawn(address indexed token, address indexed to, uint256 amount);

    error EmptyPlanName();
    error ZeroPrice();
    error PlanNotFound(uint256 planId);
    error PlanInactive(uint256 planId);
    error InvalidDays(uint256 numDays);
    error InvalidAccessKey();
    error StablecoinNotSet();
    error InvalidStablecoin(address token);
    error SubscriptionNotFound(uint256 subscriptionId);
    error SubscriptionIsCancelled(uint256 subscriptionId);
    error SubscriptionIsDestroyed(uint256 subscriptionId);
    error PriceAboveMax(uint256 amount, uint256 maxAmount);

    constructor(address initialOwner, address initialOperator) OperatorRole(initialOwner, initialOperator) {}

    // ---- plans ----

    function createPlan(string calldata name, uint256 pricePerDayUsdCents)
        external
        onlyOwner
        returns (uint256 planId)
    {
        _checkPlan(name, pricePerDayUsdCents);
        planId = ++planCount;
        plans[planId] = Plan(SafeCast.toUint128(pricePerDayUsdCents), true, name);
        emit PlanCreated(planId, name, pricePerDayUsdCents);
    }

    function updatePlan(uint256 planId, string calldata name, uint256 pricePerDayUsdCents, bool active)
        external
        onlyOwner
    {
        _requirePlan(planId);
        _checkPlan(name, pricePerDayUsdCents);
        plans[planId] = Plan(SafeCast.toUint128(pricePerDayUsdCents), active, name);
        emit PlanUpdated(planId, name, pricePerDayUsdCents, active);
    }

    function getPlan(uint256 planId)
        external
        view
        returns (string memory name, uint256 pricePerDayUsdCents, bool active)
    {
        Plan storage plan = _requirePlan(planId);
        return (plan.name, plan.pricePerDayUsdCents, plan.active);
    }

    // ---- payment ----

    function setStablecoin(address token) external onlyOwner {
        if (token == address(0) || token.code.length == 0) revert InvalidStablecoin(token);
        uint8 decimals = IERC20Metadata(token).decimals();
        // at least 2 decimals: a price in cents is then an exact number of token units, never 0
        if (decimals < MIN_STABLECOIN_DECIMALS || decimals > MAX_STABLECOIN_DECIMALS) revert InvalidStablecoin(token);
        stablecoin = IERC20(token);
        stablecoinDecimals = decimals;
        emit StablecoinSet(token, decimals);
    }

    function calculatePayment(uint256 planId, uint256 numDays) public view returns (uint256) {
        Plan storage plan = _requirePlan(planId);
        _checkDays(numDays);
        if (address(stablecoin) == address(0)) revert StablecoinNotSet();
        return (plan.pricePerDayUsdCents * numDays * (10 ** uint256(stablecoinDecimals))) / 100;
    }

    // ---- subscriptions ----

    /// @param maxAmount the most the buyer agrees to pay (the quoted calculatePayment): a price
    ///        raised after the quote reverts with PriceAboveMax instead of charging more
    function buySubscription(uint256 planId, uint256 numDays, bytes calldata accessKey, uint256 maxAmount)
        external
        nonReentrant
        returns (uint256 subscriptionId)
    {
        if (!_requirePlan(planId).active) revert PlanInactive(planId);
        if (!Secp256k1Key.isCompressedPoint(accessKey)) revert InvalidAccessKey();
        uint256 amount = _payment(planId, numDays, maxAmount);
        uint40 expiresAt = SafeCast.toUint40(block.timestamp + numDays * 1 days);
        subscriptionId = ++subscriptionCount;
        subscriptions[subscriptionId] = Subscription(msg.sender, expiresAt, SafeCast.toUint40(planId), false, false);
        stablecoin.safeTransferFrom(msg.sender, address(this), amount);
        emit SubscriptionCreated(subscriptionId, planId, msg.sender, expiresAt, accessKey);
    }

    /// @param maxAmount the most the payer agrees to pay, as for buySubscription
    function extendSubscription(uint256 subscriptionId, uint256 numDays, uint256 maxAmount) external nonReentrant {
        Subscription storage sub = _requireSubscription(subscriptionId);
        if (sub.cancelled) revert SubscriptionIsCancelled(subscriptionId);
        if (sub.destroyed) revert SubscriptionIsDestroyed(subscriptionId);
        uint256 amount = _payment(sub.planId, numDays, maxAmount);
        uint256 expiresAt = sub.expiresAt;
        uint256 base = expiresAt > block.timestamp ? expiresAt : block.timestamp;
        uint40 newExpiresAt = SafeCast.toUint40(base + numDays * 1 days);
        sub.expiresAt = newExpiresAt;
        stablecoin.safeTransferFrom(msg.sender, address(this), amount);
        emit SubscriptionExtended(subscriptionId, msg.sender, newExpiresAt);
    }

    /// @notice The host destroyed this subscription's VM: renewals are refused from now on.
    function markDestroyed(uint256 subscriptionId) external onlyOperator {
        Subscription storage sub = _requireSubscription(subscriptionId);
        if (sub.destroyed) revert SubscriptionIsDestroyed(subscriptionId);
        sub.destroyed = true;
        emit SubscriptionDestroyed(subscriptionId);
    }

    function isDestroyed(uint256 subscriptionId) external view returns (bool) {
        return _requireSubscription(subscriptionId).destroyed;
    }

    function cancelSubscription(uint256 subscriptionId) external onlyOwner {
        Subscription storage sub = _requireSubscription(subscriptionId);
        if (sub.cancelled) revert SubscriptionIsCancelled(subscriptionId);
        sub.cancelled = true;
        emit SubscriptionCancelled(subscriptionId);
    }

    function getSubscription(uint256 subscriptionId)
        external
        view
        returns (uint256 planId, address subscriber, uint64 expiresAt, bool cancelled)
    {
        Subscription storage sub = _requireSubscription(subscriptionId);
        return (sub.planId, sub.subscriber, sub.expiresAt, sub.cancelled);
    }

    // ---- treasury ----

    /// @notice Where withdrawals go: set by the owner, by default the owner itself.
    function payoutAddress() public view returns (address) {
        return payout == address(0) ? owner() : payout;
    }

    /// @param newPayout the payout address; address(0) makes it follow the owner again
    function setPayoutAddress(address newPayout) external onlyOwner {
        payout = newPayout;
        emit PayoutAddressSet(payoutAddress());
    }

    /// @notice Moves the whole balance of {token} to the payout address; owner or operator.
    function withdraw(address token) external nonReentrant {
        if (msg.sender != owner() && msg.sender != operator) revert NotOperator(msg.sender);
        if (token == address(0)) revert ZeroAddress();
        address to = payoutAddress();
        uint256 amount = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransfer(to, amount);
        emit Withdrawn(token, to, amount);
    }

    // ---- checks ----

    function _requirePlan(uint256 planId) private view returns (Plan storage plan) {
        plan = plans[planId];
        if (plan.pricePerDayUsdCents == 0) revert PlanNotFound(planId);
    }

    function _requireSubscription(uint256 subscriptionId) private view returns (Subscription storage sub) {
        sub = subscriptions[subscriptionId];
        if (sub.subscriber == address(0)) revert SubscriptionNotFound(subscriptionId);
    }

    function _checkPlan(string calldata name, uint256 pricePerDayUsdCents) private pure {
        if (bytes(name).length == 0) revert EmptyPlanName();
        if (pricePerDayUsdCents == 0) revert ZeroPrice();
    }

    function _payment(uint256 planId, uint256 numDays, uint256 maxAmount) private view returns (uint256 amount) {
        amount = calculatePayment(planId, numDays);
        if (amount > maxAmount) revert PriceAboveMax(amount, maxAmount);
    }

    function _checkDays(uint256 numDays) private pure {
        if (numDays == 0 || numDays > MAX_DAYS) revert InvalidDays(numDays);
    }
}
