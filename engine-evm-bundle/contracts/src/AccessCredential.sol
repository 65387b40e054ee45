// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {OperatorRole} from "./OperatorRole.sol";
import {Secp256k1Key} from "./Secp256k1Key.sol";
import {CodeStore} from "./CodeStore.sol";

/// The part of BlockhostSubscriptions the credential reads.
interface ISubscriptionRegistry {
    function getSubscription(uint256 subscriptionId)
        external
        view
        returns (uint256 planId, address subscriber, uint64 expiresAt, bool cancelled);
}

/// @title BlockHost access credential: one ERC-721 token per subscription carrying the VM's
///        connection details, ECIES-encrypted to the holder's access key.
/// @notice The token id is the subscription id; token 0 is the admin credential (subscription 0).
///         The operator (hot host key) mints and updates credentials; a subscription's credential
///         goes only to that subscription's subscriber on the subscriptions contract. The owner
///         (cold admin wallet) only replaces the operator.
///         Cost per sale: the credentials are kept as contract code ({CodeStore}), a minted
///         subscription token's owner is the subscriber until its first transfer (read from the
///         subscriptions contract, not stored), and there is no on-chain enumeration: a wallet's
///         tokens are the `Transfer` events to it whose token it still owns.
contract AccessCredential is ERC721, OperatorRole {
    uint256 public constant MAX_CREDENTIALS_LENGTH = 1024;
    uint256 public constant ACCESS_KEY_LENGTH = Secp256k1Key.LENGTH;
    uint256 public constant ADMIN_SUBSCRIPTION_ID = 0;

    ISubscriptionRegistry public immutable subscriptions;

    /// The access key registered by the holder (prefix 0: none) and the number of credential updates
    /// (the latest credentials' CodeStore version), in the key's second slot: an update after a key
    /// rotation rewrites a slot that is already non-zero.
    struct TokenState {
        bytes32 keyX;
        bytes1 keyPrefix;
        uint88 credentialVersion;
    }

    mapping(uint256 => TokenState) private tokens;

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

    /// @notice Mints the credential of a subscription (token id = subscription id) to its subscriber
    ///         (reverts NotSubscriber for anyone else, SubscriptionNotFound for an unknown id);
    ///         subscription 0 is the admin credential and may go to any address.
    function mint(address to, uint256 subscriptionId, bytes calldata credentialData)
        external
        onlyOperator
        returns (uint256 tokenId)
    {
        tokenId = subscriptionId;
        if (_minted(tokenId)) revert AlreadyMinted(subscriptionId, tokenId);
        _checkCredentials(credentialData);
        if (subscriptionId == ADMIN_SUBSCRIPTION_ID) {
            _mint(to, tokenId);
        } else {
            if (_subscriber(subscriptionId) != to) revert NotSubscriber(subscriptionId, to);
            // the owner stays implicit (the subscriber, see _ownerOf) until the first transfer
            _increaseBalance(to, 1);
            emit Transfer(address(0), to, tokenId);
        }
        CodeStore.store(_salt(tokenId, 0), credentialData);
        emit CredentialMinted(tokenId, subscriptionId, to);
    }

    function tokenOfSubscription(uint256 subscriptionId) external view returns (bool minted, uint256 tokenId) {
        if (!_minted(subscriptionId)) return (false, 0);
        return (true, subscriptionId);
    }

    function subscriptionOf(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return tokenId;
    }

    function getCredentials(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        return CodeStore.load(_salt(tokenId, tokens[tokenId].credentialVersion));
    }

    function updateCredentials(uint256 tokenId, bytes calldata credentialData) external onlyOperator {
        if (!_minted(tokenId)) revert ERC721NonexistentToken(tokenId);
        _checkCredentials(credentialData);
        uint88 version = ++tokens[tokenId].credentialVersion;
        CodeStore.store(_salt(tokenId, version), credentialData);
        emit CredentialsUpdated(tokenId);
    }

    function getAccessKey(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        TokenState storage token = tokens[tokenId];
        if (token.keyPrefix == 0) return "";
        return abi.encodePacked(token.keyPrefix, token.keyX);
    }

    function setAccessKey(uint256 tokenId, bytes calldata accessKey) external {
        if (_requireOwned(tokenId) != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
        if (!Secp256k1Key.isCompressedPoint(accessKey)) revert InvalidAccessKey();
        TokenState storage token = tokens[tokenId];
        token.keyX = bytes32(accessKey[1:]);
        token.keyPrefix = accessKey[0];
        emit AccessKeyRotated(tokenId, accessKey);
    }

    /// The LOADER of a credential being stored asks for its code here (see {CodeStore}).
    fallback() external {
        CodeStore.answerLoader();
    }

    /// A minted subscription token that was never transferred belongs to its subscriber.
    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        address stored = super._ownerOf(tokenId);
        if (stored != address(0) || tokenId == ADMIN_SUBSCRIPTION_ID || !_minted(tokenId)) return stored;
        return _subscriber(tokenId);
    }

    function _minted(uint256 tokenId) private view returns (bool) {
        return CodeStore.exists(_salt(tokenId, 0));
    }

    function _subscriber(uint256 subscriptionId) private view returns (address subscriber) {
        (, subscriber,,) = subscriptions.getSubscription(subscriptionId);
    }

    function _salt(uint256 tokenId, uint256 version) private pure returns (bytes32) {
        return keccak256(abi.encode(tokenId, version));
    }

    function _checkCredentials(bytes calldata credentialData) private pure {
        if (credentialData.length > MAX_CREDENTIALS_LENGTH) revert CredentialsTooLong(credentialData.length);
    }
}
