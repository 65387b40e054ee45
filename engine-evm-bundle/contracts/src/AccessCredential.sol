// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {OperatorRole} from "./OperatorRole.sol";
import {Secp256k1Key} from "./Secp256k1Key.sol";

/// The part of BlockhostSubscriptions the credential reads.
interface ISubscriptionRegistry {
    function getSubscription(uint256 subscriptionId)
        external
        view
        returns (uint256 planId, address subscriber, uint64 expiresAt, bool cancelled);
}

/// @title BlockHost access credential: one ERC-721 token per subscription carrying the VM's
///        connection details, ECIES-encrypted to the holder's access key.
/// @notice Token ids are sequential from 0; token 0 is the admin credential (subscription id 0).
///         The operator (hot host key) mints and updates credentials; a subscription's credential
///         goes only to that subscription's subscriber on the subscriptions contract. The owner
///         (cold admin wallet) only replaces the operator.
contract AccessCredential is ERC721Enumerable, OperatorRole {
    uint256 public constant MAX_CREDENTIALS_LENGTH = 1024;
    uint256 public constant ACCESS_KEY_LENGTH = Secp256k1Key.LENGTH;
    uint256 public constant ADMIN_SUBSCRIPTION_ID = 0;

    ISubscriptionRegistry public immutable subscriptions;

    uint256 public nextTokenId;

    /// subscription id => token id + 1 (0 = not minted)
    mapping(uint256 => uint256) private tokenPlusOneOfSubscription;
    mapping(uint256 => uint256) private subscriptionOfToken;
    mapping(uint256 => bytes) private credentials;
    mapping(uint256 => bytes) private accessKeys;

    event CredentialMinted(uint256 indexed tokenId, uint256 indexed subscriptionId, address indexed to);
    event CredentialsUpdated(uint256 indexed tokenId);
    event AccessKeyRotated(uint256 indexed tokenId, bytes accessKey);

    error AlreadyMinted(uint256 subscriptionId, uint256 tokenId);
    error CredentialsTooLong(uint256 length);
    error InvalidAccessKey();
    error NotTokenOwner(uint256 tokenId, address caller);
    error NotSubscriber(uint256 subscriptionId, address to);

    constructor(address initialOwner, address initialOperator, address subscriptionsContract)
        ERC721("BlockHost Access", "BHA")
        OperatorRole(initialOwner, initialOperator)
    {
        if (subscriptionsContract == address(0)) revert ZeroAddress();
        subscriptions = ISubscriptionRegistry(subscriptionsContract);
    }

    /// @notice Mints the credential of a subscription to its subscriber (reverts NotSubscriber for
    ///         anyone else, SubscriptionNotFound for an unknown id); subscription 0 is the admin
    ///         credential and may go to any address.
    function mint(address to, uint256 subscriptionId, bytes calldata credentialData)
        external
        onlyOperator
        returns (uint256 tokenId)
    {
        uint256 existing = tokenPlusOneOfSubscription[subscriptionId];
        if (existing != 0) revert AlreadyMinted(subscriptionId, existing - 1);
        if (subscriptionId != ADMIN_SUBSCRIPTION_ID) {
            (, address subscriber,,) = subscriptions.getSubscription(subscriptionId);
            if (subscriber != to) revert NotSubscriber(subscriptionId, to);
        }
        _checkCredentials(credentialData);
        tokenId = nextTokenId++;
        tokenPlusOneOfSubscription[subscriptionId] = tokenId + 1;
        subscriptionOfToken[tokenId] = subscriptionId;
        credentials[tokenId] = credentialData;
        _mint(to, tokenId);
        emit CredentialMinted(tokenId, subscriptionId, to);
    }

    function tokenOfSubscription(uint256 subscriptionId) external view returns (bool minted, uint256 tokenId) {
        uint256 plusOne = tokenPlusOneOfSubscription[subscriptionId];
        if (plusOne == 0) return (false, 0);
        return (true, plusOne - 1);
    }

    function subscriptionOf(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return subscriptionOfToken[tokenId];
    }

    function getCredentials(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        return credentials[tokenId];
    }

    function updateCredentials(uint256 tokenId, bytes calldata credentialData) external onlyOperator {
        _requireOwned(tokenId);
        _checkCredentials(credentialData);
        credentials[tokenId] = credentialData;
        emit CredentialsUpdated(tokenId);
    }

    function getAccessKey(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        return accessKeys[tokenId];
    }

    function setAccessKey(uint256 tokenId, bytes calldata accessKey) external {
        if (_requireOwned(tokenId) != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
        if (!Secp256k1Key.isCompressedPoint(accessKey)) revert InvalidAccessKey();
        accessKeys[tokenId] = accessKey;
        emit AccessKeyRotated(tokenId, accessKey);
    }

    function _checkCredentials(bytes calldata credentialData) private pure {
        if (credentialData.length > MAX_CREDENTIALS_LENGTH) revert CredentialsTooLong(credentialData.length);
    }
}
